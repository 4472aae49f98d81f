/**
 * Issue 14, item 1: a relay with MDNS=on announces itself as `_quire._tcp`, and a DNS-SD
 * browse from another process on the same LAN finds it with the right port, its name and
 * `scheme=https` (TLS=auto). Both run in a network namespace the test makes, where multicast
 * stays on the test's own link instead of the machine's network.
 */
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { LanNamespace, RelayProcess } from "@quire/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const why = LanNamespace.unavailable();
const BROWSER = join(dirname(fileURLToPath(import.meta.url)), "fixtures/mdns-browse.mjs");

describe.skipIf(why !== null)(`mDNS announcement${why ? ` (skipped: ${why})` : ""}`, () => {
  let ns: LanNamespace;
  let relay: RelayProcess;

  beforeAll(async () => {
    ns = await LanNamespace.create();
    relay = await RelayProcess.start({ wrap: ns.exec, host: "0.0.0.0", env: { MDNS: "on", TLS: "auto" } });
  });

  afterAll(async () => {
    await relay?.stop();
    await ns?.destroy();
  });

  it("is found by a DNS-SD browse from another process, with its port and scheme", async () => {
    const { stdout } = await promisify(execFile)("ip", [...ns.exec.slice(1), process.execPath, BROWSER], { env: { ...process.env, BROWSE_TIMEOUT_MS: "10000" } });
    const found = JSON.parse(stdout.trim()) as { name: string; port: number; txt: Record<string, string>; addresses: string[] };
    expect(found.port).toBe(relay.port);
    expect(found.name).toMatch(/^Quire relay on /);
    expect(found.txt).toMatchObject({ scheme: "https", path: "/" });
    expect(found.addresses).toContain(ns.address);
  });
});
