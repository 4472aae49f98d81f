/**
 * Sync files through the relay's CLI (issue 14, item 3): a file exported on one relay and
 * imported on another — twice, and after later edits, cut against the receiver's state file —
 * gives identical documents; a tampered file is refused and nothing is stored; provenance on
 * the receiver names the file's signer, never the authors the file lists.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type RelayProcess, connectStockClient, storedDoc, storedProvenance, storedRows, useRelays, waitFor, waitSynced } from "@quire/testkit";

const CLI = resolve(import.meta.dirname, "../dist/sync-file-cli.js");
const WS = "wsyncfile01";
const DOC = `${WS}/d1`;
const INDEX = `${WS}/index`;
const work = mkdtempSync(join(tmpdir(), "quire-sync-file-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(dataDir: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args, "--data-dir", dataDir], { encoding: "utf8" });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

function ok(dataDir: string, args: string[]): string {
  const run = cli(dataDir, args);
  if (run.status !== 0) throw new Error(`sync-file ${args.join(" ")} failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

/** Writes `text` at the end of `doc`'s Y.Text "t" on `relay` as user `sub`, and waits until stored. */
async function write(relay: RelayProcess, doc: string, text: string, sub: string): Promise<void> {
  const client = connectStockClient(relay.syncUrl, doc, relay.token({ workspace: WS, sub, name: sub }));
  await waitSynced(client.provider);
  const t = client.doc.getText("t");
  t.insert(t.length, text);
  const expected = t.toString();
  await waitFor(() => storedDoc(relay.dataDir, doc).getText("t").toString() === expected, 10_000, "edit stored");
  client.destroy();
}

function sameDoc(a: Y.Doc, b: Y.Doc): void {
  expect(b.getText("t").toString()).toBe(a.getText("t").toString());
  expect(Y.encodeStateVector(b)).toEqual(Y.encodeStateVector(a));
  expect(Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b))).toBe(true);
}

describe("sync-file CLI between two relays", () => {
  const relays = useRelays();

  it("exports, imports twice and after later edits, and converges; refuses a tampered file", async () => {
    const a = await relays.start();
    const b = await relays.start();
    await write(a, DOC, "The river rises in spring. ", "ana");
    await write(a, DOC, "Ben measured it. ", "ben");
    await write(a, INDEX, "index", "ana");

    const first = join(work, "first.quire");
    ok(a.dataDir, ["export", "--workspace", WS, "-o", first]);

    const report1 = ok(b.dataDir, ["import", first]);
    expect(report1).toMatch(new RegExp(`${DOC}: new document: \\+44 characters`));
    expect(report1).toMatch(/NOT known to this relay/);
    sameDoc(storedDoc(a.dataDir, DOC), storedDoc(b.dataDir, DOC));
    sameDoc(storedDoc(a.dataDir, INDEX), storedDoc(b.dataDir, INDEX));

    // Twice: nothing changes, nothing is stored.
    const rowsAfterFirst = storedRows(b.dataDir, DOC).length;
    const report2 = ok(b.dataDir, ["import", first]);
    expect(report2).toContain(`${DOC}: no change`);
    expect(report2).toContain("0 of 2 documents changed");
    expect(storedRows(b.dataDir, DOC)).toHaveLength(rowsAfterFirst);

    // Provenance names the file's signer, never Ana or Ben (the file's claim).
    const records = storedProvenance(b.dataDir, DOC);
    expect(records.map((r) => r.userId)).toEqual([expect.stringMatching(/^sync-file:/)]);
    expect(records[0]?.name).toMatch(/^Sync file from Quire relay on /);

    // Later edits on A; B's state file makes the next file carry only what B lacks.
    await write(a, DOC, "It flooded the road.", "ana");
    const state = join(work, "b-state.json");
    ok(b.dataDir, ["state", "--workspace", WS, "-o", state]);
    const second = join(work, "second.quire");
    ok(a.dataDir, ["export", "--workspace", WS, "--since", state, "-o", second]);
    const full = join(work, "full.quire");
    ok(a.dataDir, ["export", "--workspace", WS, "-o", full]);
    expect(readFileSync(second).length).toBeLessThan(readFileSync(full).length);

    // A tampered byte: refused with a clear error, nothing stored.
    const tampered = readFileSync(second);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 5) ^ 0x20, tampered.length - 5);
    const bad = join(work, "tampered.quire");
    writeFileSync(bad, tampered);
    const refused = cli(b.dataDir, ["import", bad]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/refused \(hash-mismatch\)/);
    expect(storedRows(b.dataDir, DOC)).toHaveLength(rowsAfterFirst);
    // A truncated one too.
    const cut = join(work, "cut.quire");
    writeFileSync(cut, readFileSync(second).subarray(0, 100));
    expect(cli(b.dataDir, ["import", cut]).stderr).toMatch(/refused \(truncated\)/);
    // And one for another workspace than the operator named.
    expect(cli(b.dataDir, ["import", second, "--workspace", "wother00000"]).stderr).toMatch(/refused \(wrong-workspace\)/);

    // Selected documents: only those and the index (their titles).
    await write(a, `${WS}/d2`, "Another report.", "ben");
    const one = join(work, "one.quire");
    ok(a.dataDir, ["export", "--workspace", WS, "--doc", "d1", "-o", one]);
    const fresh = mkdtempSync(join(work, "fresh-"));
    expect(ok(fresh, ["import", one])).toMatch(/2 of 2 documents changed/);

    // A's keys, trusted on B, make the signer known.
    const jwks = join(work, "a-jwks.json");
    writeFileSync(jwks, JSON.stringify(await a.jwks()));
    const report3 = ok(b.dataDir, ["import", second, "--trust", jwks, "--require-known-signer"]);
    expect(report3).toMatch(new RegExp(`${DOC}: changed: \\+20 characters`));
    expect(report3).toMatch(/known to this relay/);
    sameDoc(storedDoc(a.dataDir, DOC), storedDoc(b.dataDir, DOC));
    // The older, full file after the newer one changes nothing.
    expect(ok(b.dataDir, ["import", full])).toContain("0 of 2 documents changed");

    // B's relay serves the imported documents to a client like any other.
    const reader = connectStockClient(b.syncUrl, DOC, b.token({ workspace: WS, sub: "carla", name: "carla", role: "viewer" }));
    await waitSynced(reader.provider);
    sameDoc(storedDoc(a.dataDir, DOC), reader.doc);
    reader.destroy();
  });

  it("refuses an unknown signer when asked to, and says how to use the command", () => {
    const dir = mkdtempSync(join(work, "empty-"));
    expect(cli(dir, ["export", "--workspace", WS, "-o", join(work, "none.quire")]).stderr).toMatch(/no documents of workspace/);
    const unknown = cli(dir, ["import", join(work, "first.quire"), "--require-known-signer"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/signed by a key this relay does not know/);
    expect(execFileSync(process.execPath, [CLI, "--help"], { encoding: "utf8" })).toMatch(/usage: sync-file export/);
  });
});
