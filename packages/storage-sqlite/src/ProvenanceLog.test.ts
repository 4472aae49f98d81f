import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { ClockRange, ProvenanceRecord } from "@quire/core";
import { encodeRanges } from "@quire/storage";
import { afterEach, describe, expect, it } from "vitest";
import { DocumentStore } from "./DocumentStore.ts";
import { DATABASE_FILE, openDatabase } from "./open-database.ts";
import { chunkDeflates } from "./provenance-codec.ts";
import { StoredDocsReader } from "./StoredDocsReader.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "quire-prov-"));
  dirs.push(dir);
  return dir;
}
const noop = { committed: () => {}, failed: (e: unknown) => { throw e; } };
const T0 = Date.UTC(2026, 0, 5, 9);
const MIN = 60_000;

/** Stages one update per entry (relay time `at`), flushing every `every` updates. */
function stageAll(store: DocumentStore, doc: string, entries: { user: string; at: number; ins?: ClockRange[]; del?: ClockRange[]; catchUp?: boolean }[], every = 7): void {
  entries.forEach((e, i) => {
    store.stage(doc, new Uint8Array([0, 0]), { userId: e.user, name: e.user.toUpperCase(), at: e.at, inserts: e.ins ?? [], deletes: e.del ?? [], ...(e.catchUp ? { catchUp: true } : {}) }, noop);
    if (i % every === every - 1) store.flush();
  });
  store.flush();
}

describe("ProvenanceLog (chunked)", () => {
  it("deflates a chunk once, when it closes, not on every group commit; the open chunk is stored raw", async () => {
    const dir = tempDir();
    let db = openDatabase(dir);
    let store = new DocumentStore(db);
    // One record per commit (the sender changes every update), 400 commits: many chunks.
    const entries = Array.from({ length: 400 }, (_, i) => ({
      user: i % 2 ? "ann" : "ben",
      at: T0 + i * 1000,
      ins: [{ client: 7, clock: i * 9, len: 2 }, { client: 8, clock: i * 9, len: 3 }, { client: 9, clock: i * 9, len: 4 }],
    }));
    const before = chunkDeflates.count;
    stageAll(store, "w/d", entries.slice(0, 200), 1);
    db.close();
    // The raw open chunk is read back after a restart and extended.
    db = openDatabase(dir);
    store = new DocumentStore(db);
    stageAll(store, "w/d", entries.slice(200), 1);
    const rows = db.prepare("SELECT data FROM provenance_chunks WHERE doc = 'w/d' ORDER BY first_seq").all() as { data: Buffer }[];
    expect(rows.length).toBeGreaterThan(3);
    // Every closed chunk deflated once; the newest one (tag 0) not at all.
    expect(chunkDeflates.count - before).toBe(rows.length - 1);
    expect(rows.map((r) => r.data[0])).toEqual([...Array(rows.length - 1).fill(1), 0]);
    expect((await store.provenance("w/d")).map((r) => r.inserts[0]?.clock)).toEqual(entries.map((e) => e.ins[0]?.clock));
    db.close();
  });

  it("keeps every record exact across many chunks and reopenings; afterSeq and limit page through them", async () => {
    const dir = tempDir();
    let db = openDatabase(dir);
    let store = new DocumentStore(db);
    // 600 records: a sender change every update, each with a few ranges (many chunks).
    const entries = Array.from({ length: 600 }, (_, i) => ({
      user: ["ann", "ben", "cy"][i % 3] as string,
      at: T0 + i * 1000,
      ins: [{ client: 3_000_000_000 + (i % 3), clock: i * 10, len: 1 + (i % 5) }],
      del: i % 4 === 0 ? [{ client: 3_000_000_000, clock: i, len: 1 }] : [],
      catchUp: i % 50 === 0,
    }));
    stageAll(store, "w/a", entries.slice(0, 300));
    db.close();
    db = openDatabase(dir); // the newest chunk is read back and extended after a restart
    store = new DocumentStore(db);
    stageAll(store, "w/a", entries.slice(300));
    const all = await store.provenance("w/a");
    expect(all.map((r) => r.seq)).toEqual(entries.map((_, i) => i + 1));
    all.forEach((r, i) => {
      const e = entries[i] as (typeof entries)[number];
      expect(r).toEqual({ seq: i + 1, userId: e.user, name: e.user.toUpperCase(), firstAt: e.at, lastAt: e.at, inserts: e.ins, deletes: e.del, updates: 1, bytes: 2, ...(e.catchUp ? { catchUp: true } : {}) });
    });
    const chunks = (db.prepare("SELECT COUNT(*) AS n FROM provenance_chunks").get() as { n: number }).n;
    expect(chunks).toBeGreaterThan(3);
    expect(await store.provenance("w/a", { afterSeq: 250, limit: 120 })).toEqual(all.slice(250, 370));
    expect(await store.provenance("w/a", { afterSeq: 600 })).toEqual([]);
    db.close();
  });

  it("answers from decoded chunks only while their bytes are the same (the newest chunk grows)", async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const store = new DocumentStore(db);
    const ann = (at: number, clock: number) => ({ user: "ann", at, ins: [{ client: 5, clock, len: 1 }] });
    stageAll(store, "w/c", [ann(T0, 0)]);
    const first = await store.provenance("w/c");
    expect(first.map((r) => [r.seq, r.updates])).toEqual([[1, 1]]);
    first[0]?.inserts.push({ client: 9, clock: 9, len: 9 }); // a caller's change stays its own
    stageAll(store, "w/c", [ann(T0 + 1000, 1)]); // extends record 1 in the same chunk
    const second = await store.provenance("w/c");
    expect(second.map((r) => [r.seq, r.updates, r.inserts])).toEqual([[1, 2, [{ client: 5, clock: 0, len: 2 }]]]);
    expect(await store.provenance("w/c")).toEqual(second);
    db.close();
  });

  it("migrates a database written in the one-row-per-record form (today's relays) and reads it read-only too", async () => {
    const dir = tempDir();
    // Exactly the tables and rows the relay wrote before chunks (open-database + ProvenanceLog then).
    const old = new Database(join(dir, DATABASE_FILE));
    old.exec(`
      CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, data BLOB NOT NULL, checksum BLOB);
      CREATE INDEX updates_doc_seq ON updates (doc, seq);
      CREATE TABLE provenance_docs (id INTEGER PRIMARY KEY, doc TEXT NOT NULL UNIQUE);
      CREATE TABLE provenance_senders (id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, name TEXT NOT NULL, UNIQUE (user_id, name));
      CREATE TABLE provenance (doc_id INTEGER NOT NULL, seq INTEGER NOT NULL, sender INTEGER NOT NULL, first_at INTEGER NOT NULL,
        span_ms INTEGER NOT NULL, updates INTEGER NOT NULL, bytes INTEGER NOT NULL, inserts BLOB NOT NULL, deletes BLOB NOT NULL,
        PRIMARY KEY (doc_id, seq)) WITHOUT ROWID;
      CREATE TABLE checkpoints (id INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL, snapshot BLOB NOT NULL);
    `);
    old.prepare("INSERT INTO provenance_docs (id, doc) VALUES (1, 'w/x'), (2, 'w/y')").run();
    old.prepare("INSERT INTO provenance_senders (id, user_id, name) VALUES (1, 'ann', 'Ann'), (2, 'ben', 'Ben')").run();
    const put = old.prepare("INSERT INTO provenance VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const expected: ProvenanceRecord[] = [];
    for (let seq = 1; seq <= 80; seq++) {
      const r: ProvenanceRecord = {
        seq,
        userId: seq % 2 ? "ann" : "ben",
        name: seq % 2 ? "Ann" : "Ben",
        firstAt: T0 + seq * MIN,
        lastAt: T0 + seq * MIN + 1234,
        inserts: [{ client: 2_000_000_000 + (seq % 2), clock: seq * 3, len: 3 }],
        deletes: seq % 3 ? [] : [{ client: 2_000_000_000, clock: seq, len: 2 }],
        updates: 4,
        bytes: 77,
      };
      expected.push(r);
      put.run(1, seq, seq % 2 ? 1 : 2, r.firstAt, 1234, 4, 77, encodeRanges(r.inserts), encodeRanges(r.deletes));
    }
    put.run(2, 1, 2, T0, 0, 1, 5, encodeRanges([]), encodeRanges([]));
    old.close();

    const reader = new StoredDocsReader(dir); // read-only: legacy rows read as they are
    expect(reader.provenance("w/x")).toEqual(expected);
    reader.close();

    const db = openDatabase(dir);
    const store = new DocumentStore(db);
    expect(await store.provenance("w/x")).toEqual(expected);
    expect((await store.provenance("w/y")).map((r) => r.userId)).toEqual(["ben"]);
    const legacy = db.prepare("SELECT name FROM sqlite_master WHERE name IN ('provenance', 'provenance_docs', 'provenance_senders')").all();
    expect(legacy).toEqual([]);
    // New updates continue the migrated seqs.
    stageAll(store, "w/x", [{ user: "cy", at: T0 + 200 * MIN }]);
    expect((await store.provenance("w/x", { afterSeq: 80 })).map((r) => [r.seq, r.userId])).toEqual([[81, "cy"]]);
    db.close();
    expect(new StoredDocsReader(dir).provenance("w/x")).toHaveLength(81);
  });
});

describe("ProvenanceLog retention (coarsen to sessions)", () => {
  it("merges old records into one per member per session, keeping ranges, times, catch-ups, pastes and checkpoints exact", async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const store = new DocumentStore(db, undefined, { coalesceWindowMs: 1 }); // a record per update
    const ann = (clock: number, len = 1) => [{ client: 11, clock, len }];
    const ben = (clock: number, len = 1) => [{ client: 22, clock, len }];
    // Session 1 (9:00–9:05): Ann and Ben interleave; Ben pastes 300 chars in one update.
    // A checkpoint after seq 4. Session 2 (10:00): Ann alone, live and then a catch-up.
    stageAll(store, "w/r", [
      { user: "ann", at: T0, ins: ann(0) },
      { user: "ben", at: T0 + 1 * MIN, ins: ben(0) },
      { user: "ann", at: T0 + 2 * MIN, ins: ann(1), del: ben(0) },
      { user: "ben", at: T0 + 3 * MIN, ins: ben(1, 300) },
    ]);
    await store.addCheckpoint("w/r", T0 + 3 * MIN, new Uint8Array([0, 0]));
    stageAll(store, "w/r", [
      { user: "ann", at: T0 + 4 * MIN, ins: ann(2) },
      { user: "ann", at: T0 + 5 * MIN, ins: ann(3), del: ann(0) },
      { user: "ben", at: T0 + 5 * MIN, ins: ben(301) },
      { user: "ann", at: T0 + 60 * MIN, ins: ann(4) },
      { user: "ann", at: T0 + 61 * MIN, ins: ann(5) },
      { user: "ann", at: T0 + 62 * MIN, ins: ann(6), catchUp: true },
      { user: "ann", at: T0 + 63 * MIN, ins: ann(7), catchUp: true },
      { user: "ben", at: T0 + 24 * 60 * MIN, ins: ben(302) }, // recent: kept as it is
    ]);
    const before = await store.provenance("w/r");
    expect(before).toHaveLength(12);
    const removed = store.coarsenProvenance("w/r", T0 + 12 * 60 * MIN);
    const after = await store.provenance("w/r");
    const brief = after.map((r) => [r.seq, r.userId, r.firstAt - T0, r.lastAt - T0, r.updates, r.catchUp ?? false]);
    expect(brief).toEqual([
      [2, "ben", 1 * MIN, 1 * MIN, 1, false], // before the checkpoint: groups end there
      [3, "ann", 0, 2 * MIN, 2, false],
      [4, "ben", 3 * MIN, 3 * MIN, 1, false], // the paste stays its own record
      [6, "ann", 4 * MIN, 5 * MIN, 2, false],
      [7, "ben", 5 * MIN, 5 * MIN, 1, false],
      [9, "ann", 60 * MIN, 61 * MIN, 2, false],
      [11, "ann", 62 * MIN, 63 * MIN, 2, true],
      [12, "ben", 24 * 60 * MIN, 24 * 60 * MIN, 1, false],
    ]);
    expect(removed).toBe(4);
    expect(after.find((r) => r.seq === 3)?.inserts).toEqual([{ client: 11, clock: 0, len: 2 }]);
    expect(after.find((r) => r.seq === 3)?.deletes).toEqual([{ client: 22, clock: 0, len: 1 }]);
    expect(after.find((r) => r.seq === 6)?.deletes).toEqual([{ client: 11, clock: 0, len: 1 }]);
    // Per member: the same units inserted and deleted as before.
    const units = (rs: ProvenanceRecord[], user: string, key: "inserts" | "deletes") =>
      rs.filter((r) => r.userId === user).flatMap((r) => r[key].flatMap((x) => Array.from({ length: x.len }, (_, i) => `${x.client}:${x.clock + i}`))).sort();
    for (const user of ["ann", "ben"]) for (const key of ["inserts", "deletes"] as const) expect(units(after, user, key)).toEqual(units(before, user, key));
    // The records up to the checkpoint are still exactly what it stood for.
    const upTo = (rs: ProvenanceRecord[]) => units(rs.filter((r) => r.seq <= 4), "ann", "inserts").concat(units(rs.filter((r) => r.seq <= 4), "ben", "inserts"));
    expect(upTo(after)).toEqual(upTo(before));
    // A second pass finds nothing to do, and the doc keeps extending its newest record.
    expect(store.coarsenProvenance("w/r", T0 + 12 * 60 * MIN)).toBe(0);
    expect(store.provenanceDocs()).toEqual(["w/r"]);
    stageAll(store, "w/r", [{ user: "cy", at: T0 + 25 * 60 * MIN, ins: [{ client: 33, clock: 0, len: 1 }] }]);
    expect((await store.provenance("w/r")).map((r) => r.seq).slice(-2)).toEqual([12, 13]);
    db.close();
  });

  it("keeps a named version exact: no merged record straddles its seq", async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const store = new DocumentStore(db, undefined, { coalesceWindowMs: 1 });
    const ins = (client: number, clock: number) => [{ client, clock, len: 1 }];
    stageAll(store, "w/v", [
      { user: "ann", at: T0, ins: ins(11, 0) },
      { user: "ben", at: T0 + MIN, ins: ins(22, 0) },
    ]);
    await store.addVersion("w/v", { kind: "named", name: "First draft", at: T0 + MIN, userId: "ann", userName: "Ann", snapshot: new Uint8Array([0, 0]) });
    stageAll(store, "w/v", [
      { user: "ann", at: T0 + 2 * MIN, ins: ins(11, 1) },
      { user: "ben", at: T0 + 3 * MIN, ins: ins(22, 1) },
      { user: "cy", at: T0 + 24 * 60 * MIN, ins: ins(33, 0) },
    ]);
    expect(store.coarsenProvenance("w/v", T0 + 60 * MIN)).toBe(0); // each member's session is cut at the version
    stageAll(store, "w/v", [{ user: "ann", at: T0 + 25 * 60 * MIN, ins: ins(11, 2) }]);
    db.close();
  });
});
