/**
 * @module admission
 * A device that joined a class with its class code and waits for a teacher (issue 13;
 * docs/protocol.md "Waiting to join"): what the relay says about it now, her pick of her name
 * from the roster, and the membership she gets once let in. The answers cross a trust
 * boundary, so each is checked before use (names and lists bounded).
 *
 * Let in as a roster member, her device becomes that member: the new membership has that
 * member's id and name and keeps the waiting one's device key, so it opens as her.
 */
import type { ClassRole } from "@quire/core";
import { ApiError } from "./ApiError.ts";
import { errorFor } from "./ApiClient.ts";
import { t } from "./client-messages.ts";
import { type Membership, parseMembership } from "./membership.ts";
import { relayFetch } from "./relay-fetch.ts";
import { WEB_LIMITS } from "./web-limits.ts";

/** Roster names a waiting device accepts: a class of 5 groups of 5 is far below; a hostile answer is cut. */
export const MAX_ROSTER_NAMES = 500;

export type Admission =
  | { state: "waiting"; picked: string | null; roster: { id: string; name: string }[] }
  | { state: "declined" }
  | { state: "admitted"; membership: Membership };

export interface AdmissionOptions {
  /** Origin of the relay; default same origin. */
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** What the relay says about waiting membership `m` now. ApiError on failure (offline: `offline`/`timeout`). */
export async function fetchAdmission(m: Membership, options: AdmissionOptions = {}): Promise<Admission> {
  const data = await call("GET", m, undefined, options);
  const parsed = parseAdmission(data, m);
  if (!parsed) throw new ApiError(200, "bad_response", t("api.badResponse"));
  return parsed;
}

/** She says roster member `memberId` is her (null: none of them); the teacher confirms. */
export async function pickRosterName(m: Membership, memberId: string | null, options: AdmissionOptions = {}): Promise<void> {
  await call("POST", m, { pick: memberId }, options);
}

/** Checks a relay answer; null when malformed. Exported for tests. */
export function parseAdmission(data: unknown, waiting: Membership): Admission | null {
  if (typeof data !== "object" || data === null) return null;
  const o = data as Record<string, unknown>;
  if (o.state === "declined") return { state: "declined" };
  if (o.state === "waiting") {
    if (!Array.isArray(o.roster) || o.roster.length > MAX_ROSTER_NAMES) return null;
    const roster: { id: string; name: string }[] = [];
    for (const entry of o.roster as unknown[]) {
      const { id, name } = (entry ?? {}) as Record<string, unknown>;
      if (!isText(id, 128) || !isText(name, 80)) return null;
      roster.push({ id, name });
    }
    const picked = o.picked === null || o.picked === undefined ? null : isText(o.picked, 128) ? o.picked : undefined;
    if (picked === undefined) return null;
    return { state: "waiting", picked, roster };
  }
  if (o.state === "admitted") {
    const { admission: _waited, classRole: _old, ...rest } = waiting;
    const membership = parseMembership({ ...rest, user: o.user, role: o.role, classRole: o.classRole, token: o.token, expiresAt: o.expiresAt });
    if (!membership || membership.classRole === undefined) return null;
    return { state: "admitted", membership: membership as Membership & { classRole: ClassRole } };
  }
  return null;
}

function isText(value: unknown, max: number): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= max;
}

async function call(method: "GET" | "POST", m: Membership, body: unknown, options: AdmissionOptions): Promise<unknown> {
  const base = (options.baseUrl ?? "").replace(/\/+$/, "");
  const response = await relayFetch(method, `${base}/api/workspaces/${encodeURIComponent(m.workspace.id)}/admission`, {
    fetchImpl: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? WEB_LIMITS.apiTimeoutMs,
    token: m.token,
    ...(body === undefined ? {} : { body }),
  });
  const data: unknown = await response.json().catch(() => null);
  if (response.ok) return data;
  throw errorFor(response.status, data);
}
