/**
 * @module tls-config
 * How the relay speaks to browsers on the LAN (issue 14, item 4), from the environment:
 *
 * - `TLS=auto`: the relay keeps its own certificate authority in DATA_DIR (made on first
 *   start) and a server certificate for its LAN addresses, `<hostname>.local` and localhost,
 *   renewed when an address changes. Devices trust the CA once (device management, or by hand
 *   from `/quire-hub-ca.crt`). The default in hub mode: a classroom laptop has no public name.
 * - `TLS=files` (implied by `TLS_CERT_FILE` + `TLS_KEY_FILE`): a certificate the school brings
 *   (its own CA's, or an ACME one for a public name); re-read when the files change.
 * - `TLS=off`: plain http. The default for an ordinary relay, which usually sits behind a
 *   reverse proxy that terminates TLS.
 *
 * `MDNS=on|off` (default on in hub mode): announce `_quire._tcp` on the LAN.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export type TlsConfig = { mode: "off" } | { mode: "auto" } | { mode: "files"; certFile: string; keyFile: string };

export interface LanConfig {
  tls: TlsConfig;
  /** Announce the relay with mDNS/DNS-SD (`_quire._tcp`). */
  mdns: boolean;
}

/** Reads TLS, TLS_CERT_FILE, TLS_KEY_FILE and MDNS; throws naming the bad variable. */
export function parseLanConfig(env: NodeJS.ProcessEnv, hubMode: boolean): LanConfig {
  const certFile = env.TLS_CERT_FILE?.trim() ?? "";
  const keyFile = env.TLS_KEY_FILE?.trim() ?? "";
  if ((certFile === "") !== (keyFile === "")) throw new Error("TLS_CERT_FILE and TLS_KEY_FILE go together: set both or neither");
  const raw = env.TLS?.trim().toLowerCase() || (certFile !== "" ? "files" : hubMode ? "auto" : "off");
  let tls: TlsConfig;
  if (raw === "off") tls = { mode: "off" };
  else if (raw === "auto") {
    if (certFile !== "") throw new Error("TLS=auto makes its own certificate: unset TLS_CERT_FILE/TLS_KEY_FILE, or use TLS=files");
    tls = { mode: "auto" };
  } else if (raw === "files") {
    if (certFile === "") throw new Error("TLS=files needs TLS_CERT_FILE and TLS_KEY_FILE");
    for (const [name, file] of [["TLS_CERT_FILE", certFile], ["TLS_KEY_FILE", keyFile]] as const) {
      if (!existsSync(file)) throw new Error(`${name}: no such file ${JSON.stringify(file)}`);
    }
    tls = { mode: "files", certFile: resolve(certFile), keyFile: resolve(keyFile) };
  } else throw new Error(`TLS must be auto, files or off, got ${JSON.stringify(env.TLS)}`);
  const mdnsRaw = env.MDNS?.trim().toLowerCase() || (hubMode ? "on" : "off");
  if (mdnsRaw !== "on" && mdnsRaw !== "off") throw new Error(`MDNS must be on or off, got ${JSON.stringify(env.MDNS)}`);
  return { tls, mdns: mdnsRaw === "on" };
}
