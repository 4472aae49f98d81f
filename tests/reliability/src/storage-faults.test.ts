/**
 * Storage faults: a corrupted row quarantines only its doc (4500 with a reason, rows left
 * byte-for-byte as they were, other docs fine); a full disk — a size-capped database
 * (STORAGE_MAX_BYTES) and a real full filesystem (a 3 MiB tmpfs, when this machine lets us
 * mount one) — refuses writes with 4507 and a reason, stores and broadcasts nothing partial,
 * and recovers once space returns.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloseCode } from "@quire/core";
import { type RelayProcess, useRelays, waitFor, WireClient } from "@quire/testkit";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { describeDoc, missingFrom } from "./harness/doc-state.ts";
import { integrityCheck, readStoredDoc, readStoredUpdates } from "./harness/stored-docs.ts";
import { converge, sleep } from "./scenarios/convergence.ts";

const relays = useRelays();

async function connected(relay: RelayProcess, docName: string, count = 1, ack = false): Promise<WireClient[]> {
  const token = relay.token({ doc: docName, role: "editor" });
  const clients = Array.from({ length: count }, () => new WireClient({ syncUrl: relay.syncUrl, docName, token, subscribeAcks: ack }));
  for (const c of clients) await c.connect();
  for (const c of clients) await c.waitSynced();
  return clients;
}

describe("a corrupted stored row", () => {
  it("quarantines that doc only (4500), leaves its rows untouched, other docs keep working", async () => {
    const relay = await relays.start({ env: { UNLOAD_DELAY_MS: "50" } });
    for (const name of ["corrupt/victim", "corrupt/bystander"]) {
      const [c] = await connected(relay, name);
      for (let i = 0; i < 5; i++) c?.doc.get("root", Y.XmlText).insert(0, `${name} line ${i}\n`);
      await sleep(100);
      await c?.disconnect();
      c?.destroy();
    }
    await relay.stop({ removeData: false });
    const db = new Database(join(relay.dataDir, "quire.sqlite"));
    const row = db.prepare("SELECT seq, data FROM updates WHERE doc = ? ORDER BY seq DESC LIMIT 1").get("corrupt/victim") as { seq: number; data: Buffer };
    const broken = Buffer.from(row.data.subarray(0, Math.max(1, row.data.length - 5))); // truncated: the classic torn write
    db.prepare("UPDATE updates SET data = ? WHERE seq = ?").run(broken, row.seq);
    db.close();
    const rowsBefore = readStoredUpdates(relay.dataDir, "corrupt/victim").map((u) => Buffer.from(u).toString("hex"));
    await relay.restart();

    // A client holding its own copy of the doc tries to open and write it.
    const token = relay.token({ doc: "corrupt/victim", role: "editor" });
    const holder = new WireClient({ syncUrl: relay.syncUrl, docName: "corrupt/victim", token });
    holder.doc.get("root", Y.XmlText).insert(0, "offline copy that must not be written over the stored rows");
    await holder.connect().catch(() => undefined);
    await waitFor(() => holder.closes.length > 0, 10_000, "quarantine close");
    expect(holder.closes[0]?.code).toBe(CloseCode.DocUnavailable);
    expect(holder.closes[0]?.reason).toMatch(/unavailable|quarantin/);
    holder.destroy();

    const [bystander] = await connected(relay, "corrupt/bystander");
    expect(bystander?.doc.get("root", Y.XmlText).toString()).toContain("corrupt/bystander line 4");
    bystander?.doc.get("root", Y.XmlText).insert(0, "still writable\n");
    await sleep(100);
    bystander?.destroy();

    await relay.stop({ removeData: false });
    expect(readStoredUpdates(relay.dataDir, "corrupt/victim").map((u) => Buffer.from(u).toString("hex"))).toEqual(rowsBefore);
    expect(readStoredDoc(relay.dataDir, "corrupt/bystander").get("root", Y.XmlText).toString()).toContain("still writable");
    const quarantined = new Database(join(relay.dataDir, "quire.sqlite"), { readonly: true })
      .prepare("SELECT doc, reason FROM quarantined_docs")
      .all() as { doc: string; reason: string }[];
    expect(quarantined.map((q) => q.doc)).toEqual(["corrupt/victim"]);
    expect(integrityCheck(relay.dataDir)).toBe("ok");
  });
});

/**
 * Writes until the relay refuses with 4507, then checks nothing partial happened: the peer
 * never received a refused edit, and what is stored is exactly what the peer holds.
 */
async function fillUntilRefused(relay: RelayProcess, docName: string): Promise<{ writer: WireClient; peer: WireClient; chunks: number }> {
  const [writer, peer] = (await connected(relay, docName, 2, true)) as [WireClient, WireClient];
  const text = writer.doc.get("root", Y.XmlText);
  let chunks = 0;
  while (writer.online && chunks < 2_000) {
    text.insert(text.length, `${chunks}:${"x".repeat(16 * 1024)}\n`);
    chunks++;
    await sleep(5);
  }
  await waitFor(() => writer.closes.length > 0, 20_000, "storage-full close");
  expect(writer.closes[0]?.code).toBe(CloseCode.StorageFull);
  expect(writer.closes[0]?.reason).toMatch(/storage|full/);
  await sleep(200);
  // A reader may be asked to reconnect (1012: the relay reloads the doc from disk because the
  // refused edit was already applied in memory), but must never have seen the refused edit.
  if (!peer.online) expect(peer.closes.at(-1)?.code, JSON.stringify(peer.closes)).toBe(1012);
  // The peer holds less than the writer (the refused edit never reached it)…
  expect(missingFrom(peer.doc, writer.doc).length).toBeGreaterThan(0);
  return { writer, peer, chunks };
}

describe("disk full", () => {
  it("a size-capped database refuses writes with 4507, keeps nothing partial, recovers with more space", async () => {
    const relay = await relays.start({ env: { STORAGE_MAX_BYTES: String(512 * 1024) } });
    const { writer, peer } = await fillUntilRefused(relay, "full/capped");
    await peer.disconnect();
    await relay.stop({ removeData: false });
    expect(integrityCheck(relay.dataDir)).toBe("ok");
    const stored = readStoredDoc(relay.dataDir, "full/capped");
    // …and storage holds exactly what the peer saw: every broadcast edit, nothing else.
    expect(describeDoc(stored)).toEqual(describeDoc(peer.doc));
    stored.destroy();
    // Space returns (the operator raises the cap): the writer's refused edits sync on reconnect.
    const bigger = await relays.start({ dataDir: relay.dataDir, port: relay.port, env: { STORAGE_MAX_BYTES: String(64 * 1024 * 1024) } });
    writer.closes.length = 0;
    await converge(bigger, [writer, peer]);
    await bigger.stop({ removeData: false });
    expect(missingFrom(readStoredDoc(relay.dataDir, "full/capped"), writer.doc)).toEqual([]);
    writer.destroy();
    peer.destroy();
  });

  const mountPoint = mkdtempSync(join(tmpdir(), "quire-tmpfs-"));
  let mounted = false;
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", mountPoint], { stdio: "pipe" });
    mounted = true;
  } catch {
    // Not root / no CAP_SYS_ADMIN here: the size-capped database above still covers SQLITE_FULL.
  }
  afterAll(() => {
    if (mounted) execFileSync("umount", ["-l", mountPoint], { stdio: "pipe" });
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it.skipIf(!mounted)("a full filesystem (3 MiB tmpfs) refuses writes with 4507 and recovers when space is freed", async () => {
    const dataDir = join(mountPoint, "data");
    mkdirSync(dataDir);
    const relay = await relays.start({ dataDir });
    // Leave ~1 MiB free, held by a file the "operator" deletes later.
    const filler = join(mountPoint, "filler");
    writeFileSync(filler, Buffer.alloc(1800 * 1024));
    const { writer, peer } = await fillUntilRefused(relay, "full/tmpfs");
    expect((await relay.healthz()).status).toBe("ok");
    rmSync(filler);
    writer.closes.length = 0;
    await converge(relay, [writer, peer]);
    await relay.stop({ removeData: false });
    expect(integrityCheck(dataDir)).toBe("ok");
    expect(missingFrom(readStoredDoc(dataDir, "full/tmpfs"), writer.doc)).toEqual([]);
    writer.destroy();
    peer.destroy();
  });
});
