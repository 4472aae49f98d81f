/**
 * Issue 14, items 1 and 4: a classroom hub started with the defaults, on a LAN the test makes
 * (a network namespace at 10.x, so multicast stays on the test's own link):
 * - it serves https (TLS=auto) with a certificate for its LAN address, signed by the CA it
 *   offers at /quire-hub-ca.crt;
 * - plain http on the same port (a typed address) redirects there;
 * - it prints the LAN URL students open, a QR code of it, and where to get the CA;
 * - it announces itself as `_quire._tcp` (MDNS=on): a DNS-SD browse from another process on
 *   that LAN finds it with its name, port and `scheme=https`.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { get } from "node:https";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { loadOrCreateKeyRing, signHubCredential } from "@quire/auth";
import { LanNamespace, RelayProcess } from "@quire/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const why = LanNamespace.unavailable();
const BROWSER = join(dirname(fileURLToPath(import.meta.url)), "fixtures/mdns-browse.mjs");

describe.skipIf(why !== null)(`a classroom hub on the LAN${why ? ` (skipped: ${why})` : ""}`, () => {
  let ns: LanNamespace;
  let hub: RelayProcess;

  beforeAll(async () => {
    ns = await LanNamespace.create();
    // A credential from some upstream; the hub reads it unverified at start (the upstream
    // checks it on each call), and this upstream never answers: the LAN side must not care.
    const upstreamKey = loadOrCreateKeyRing(mkdtempSync(join(tmpdir(), "quire-upstream-keys-"))).signingKey;
    const { credential } = signHubCredential(upstreamKey, { name: "Ms Rao laptop", classes: ["wlanclass01"] });
    hub = await RelayProcess.start({
      wrap: ns.exec,
      host: "0.0.0.0",
      // Empty: the hub-mode defaults (TLS=auto, MDNS=on), not the kit's test defaults.
      env: { UPSTREAM_URL: "http://127.0.0.1:9", UPSTREAM_CREDENTIAL: credential, TLS: "", MDNS: "" },
    });
  });

  afterAll(async () => {
    await hub?.stop();
    await ns?.destroy();
  });

  it("serves https for its LAN address and offers its CA", async () => {
    expect(hub.scheme).toBe("https");
    const ca = readFileSync(join(hub.dataDir, "tls/hub-ca.crt"), "utf8");
    // Node checks the chain and the address strictly, as a browser trusting the CA does.
    const response = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      get(`https://${ns.address}:${hub.port}/quire-hub-ca.crt`, { ca }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }));
      }).on("error", reject);
    });
    expect(response).toEqual({ status: 200, type: "application/x-x509-ca-cert", body: ca });
  });

  it("answers plain http on the same port with a redirect to https, and the CA to install", async () => {
    const fetchPlain = (path: string) =>
      new Promise<{ status: number; location: string | undefined; body: string }>((resolve, reject) => {
        httpGet(`http://${ns.address}:${hub.port}${path}`, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
        }).on("error", reject);
      });
    expect(await fetchPlain("/w/wlanclass01")).toMatchObject({ status: 308, location: `https://${ns.address}:${hub.port}/w/wlanclass01` });
    const ca = await fetchPlain("/quire-hub-ca.crt");
    expect(ca).toMatchObject({ status: 200, body: readFileSync(join(hub.dataDir, "tls/hub-ca.crt"), "utf8") });
  });

  it("prints the LAN URL, a QR code of it and where devices get the CA", () => {
    const url = `https://${ns.address}:${hub.port}`;
    expect(hub.output).toContain(`students open: ${url}`);
    expect(hub.output).toMatch(/[▀▄█]{20,}/);
    expect(hub.output).toContain(`${url}/quire-hub-ca.crt`);
  });

  it("is found by a DNS-SD browse from another process, with its name, port and scheme", async () => {
    const { stdout } = await promisify(execFile)("ip", [...ns.exec.slice(1), process.execPath, BROWSER], { env: { ...process.env, BROWSE_TIMEOUT_MS: "10000" } });
    const found = JSON.parse(stdout.trim()) as { name: string; port: number; txt: Record<string, string>; addresses: string[] };
    expect(found).toMatchObject({ name: "Ms Rao laptop", port: hub.port, txt: { scheme: "https", path: "/" } });
    expect(found.addresses).toContain(ns.address);
  });
});
