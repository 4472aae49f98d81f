/**
 * @module hub-config
 * Hub mode from the environment (issue 14, item 1): `UPSTREAM_URL` (the school's or the
 * cloud relay, e.g. `https://relay.school.example`) and `UPSTREAM_CREDENTIAL` (the credential
 * that relay issued for this hub: `POST /api/workspaces/:id/hub-credential` or `token --hub`).
 * Both or neither: a relay without them is an ordinary relay.
 */
import { readHubCredentialUnverified } from "@quire/auth";

export interface HubConfig {
  /** The upstream's origin, without a trailing slash. */
  upstreamUrl: string;
  credential: string;
  /** The classes (workspace ids) the credential names: the ones this hub replicates. */
  classes: string[];
  /** The credential's name and id, for the status and the logs. */
  name: string;
  hubId: string;
}

/** Reads hub mode; null when neither variable is set; throws naming the bad variable. */
export function parseHubConfig(env: NodeJS.ProcessEnv): HubConfig | null {
  const url = env.UPSTREAM_URL?.trim() ?? "";
  const credential = env.UPSTREAM_CREDENTIAL?.trim() ?? "";
  if (url === "" && credential === "") return null;
  if (url === "" || credential === "") throw new Error("hub mode needs both UPSTREAM_URL and UPSTREAM_CREDENTIAL");
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new Error(`UPSTREAM_URL must be an http(s) URL, got ${JSON.stringify(url)}`);
  const claims = readHubCredentialUnverified(credential);
  if (!claims) throw new Error("UPSTREAM_CREDENTIAL is not a hub credential (ask the upstream for one: POST /api/workspaces/<id>/hub-credential or `token --hub`)");
  return { upstreamUrl: new URL(url).origin, credential, classes: claims.classes, name: claims.name, hubId: claims.sub };
}
