/**
 * @module storage-port-suite
 * The acceptance suite every storage adapter of the relay must pass (issue 11, item 2), like
 * automerge-repo's `runStorageAdapterTests`: call `runStoragePortSuite(setup)` from a test
 * file next to the adapter. It lives beside the port (as automerge-repo's suite lives in
 * automerge-repo) and is imported as `@quire/storage/conformance`, so an adapter package can
 * run it without depending on @quire/testkit, which depends on the SQLite adapter for its
 * stored-doc reader (a workspace cycle turbo refuses). @quire/testkit re-exports it. Everything goes through the port; failures are real (the adapter
 * is asked for a small capacity and a write that does not fit must fail), never simulated.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { COALESCE_WINDOW_MS } from "./coalescing.ts";
import type { CommitListener, StoragePort, UpdateProvenance } from "./StoragePort.ts";
import { runVersionConformance } from "./version-suite.ts";

export interface StoragePortSetupOptions {
  /**
   * Bytes the adapter may hold in total. A write past it must fail as a full disk would
   * (SQLite: max_page_count → SQLITE_FULL). Omitted: unbounded.
   */
  capacityBytes?: number;
}

export interface StoragePortFixture {
  port: StoragePort;
  /** Releases what setup created (files, connections). */
  teardown(): Promise<void> | void;
}

export type StoragePortSetup = (options: StoragePortSetupOptions) => Promise<StoragePortFixture> | StoragePortFixture;

/** A listener that records what it was told. */
function recorder(): CommitListener & { events: string[] } {
  const events: string[] = [];
  return { events, committed: () => events.push("committed"), failed: (e: unknown) => events.push(`failed: ${String(e)}`) };
}

function from(userId: string, at: number, inserts: UpdateProvenance["inserts"] = [], deletes: UpdateProvenance["deletes"] = []): UpdateProvenance {
  return { userId, name: `Name of ${userId}`, at, inserts, deletes };
}

/**
 * Node's setImmediate (the suite runs under vitest in Node): this package compiles without
 * Node's types, since the port itself must not use Node-only APIs.
 */
declare const setImmediate: (callback: () => void) => unknown;

/** After the adapter's group commit of this turn (a setImmediate queued before this one). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Real Yjs updates of one client typing `text`, one per character. */
function typing(text: string, clientID: number): Uint8Array[] {
  const doc = new Y.Doc({ gc: false });
  doc.clientID = clientID;
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  for (const ch of text) doc.getText("t").insert(doc.getText("t").length, ch);
  return updates;
}

function textOf(rows: readonly Uint8Array[]): string {
  const doc = new Y.Doc({ gc: false });
  for (const row of rows) Y.applyUpdate(doc, row);
  return doc.getText("t").toString();
}

export function runStoragePortSuite(name: string, setup: StoragePortSetup): void {
  async function withPort<T>(run: (port: StoragePort) => Promise<T>, options: StoragePortSetupOptions = {}): Promise<T> {
    const fixture = await setup(options);
    try {
      return await run(fixture.port);
    } finally {
      await fixture.teardown();
    }
  }

  describe(`storage port conformance: ${name}`, () => {
    it("group commit: nothing is told before the turn ends, then each listener once, rows in staging order", () =>
      withPort(async (port) => {
        const a = recorder();
        const b = recorder();
        const updates = typing("abc", 1);
        for (const [i, u] of updates.entries()) {
          port.stage("w1/a", u, from("ann", 1_000 + i, [{ client: 1, clock: i, len: 1 }]), a);
          port.stage("w1/b", u, from("ben", 1_000 + i), b);
        }
        expect(port.hasStaged).toBe(true);
        expect(a.events).toEqual([]);
        await nextTurn();
        expect(port.hasStaged).toBe(false);
        expect(a.events).toEqual(["committed"]);
        expect(b.events).toEqual(["committed"]);
        const stored = await port.load("w1/a");
        expect(stored.updates.map((u) => [...u])).toEqual(updates.map((u) => [...u]));
        expect(stored.bytes).toBe(updates.reduce((n, u) => n + u.byteLength, 0));
        expect(stored.verified).toBe(true);
        expect(textOf((await port.load("w1/b")).updates)).toBe("abc");
      }));

    it("a listener is told after its rows are stored: they load from inside committed()", () =>
      withPort(async (port) => {
        let seen = -1;
        const listener: CommitListener = {
          committed: () => void port.load("w1/d").then((s) => (seen = s.updates.length)),
          failed: () => {},
        };
        for (const u of typing("xy", 2)) port.stage("w1/d", u, from("ann", 1), listener);
        await nextTurn();
        await nextTurn();
        expect(seen).toBe(2);
      }));

    it("a load writes what is staged first", () =>
      withPort(async (port) => {
        const a = recorder();
        port.stage("w1/a", typing("q", 3)[0] as Uint8Array, from("ann", 1), a);
        expect((await port.load("w1/a")).updates).toHaveLength(1);
        expect(a.events).toEqual(["committed"]);
      }));

    it("when storage is full only the listener whose rows do not fit fails; its provenance is not kept", () =>
      withPort(
        async (port) => {
          const big = recorder();
          const small = recorder();
          port.stage("w1/big", new Uint8Array(512 * 1024), from("ann", 5, [{ client: 9, clock: 0, len: 1 }]), big);
          port.stage("w1/small", typing("s", 4)[0] as Uint8Array, from("ben", 5, [{ client: 4, clock: 0, len: 1 }]), small);
          port.flush();
          expect(big.events).toHaveLength(1);
          expect(big.events[0]).toMatch(/^failed: /);
          expect(small.events).toEqual(["committed"]);
          expect((await port.load("w1/big")).updates).toHaveLength(0);
          expect(await port.provenance("w1/big")).toEqual([]);
          expect((await port.load("w1/small")).updates).toHaveLength(1);
          expect(await port.provenance("w1/small")).toHaveLength(1);
        },
        { capacityBytes: 128 * 1024 },
      ));

    it("replacePrefix keeps rows written after the read and refuses when the read rows changed", () =>
      withPort(async (port) => {
        const updates = typing("abcd", 5);
        await port.append("w1/d", updates.slice(0, 3));
        const read = await port.load("w1/d");
        expect(read.verified).toBe(false);
        await port.append("w1/d", updates.slice(3));
        const merged = Y.mergeUpdates(read.updates);
        expect(await port.replacePrefix("w1/d", read.maxSeq, read.updates.length + 1, merged)).toBe(false);
        expect((await port.load("w1/d")).updates).toHaveLength(4);
        expect(await port.replacePrefix("w1/d", read.maxSeq, read.updates.length, merged)).toBe(true);
        const after = await port.load("w1/d");
        expect(after.updates).toHaveLength(2);
        expect(textOf(after.updates)).toBe("abcd");
        // The merged prefix was already replaced: the same replace is refused now.
        expect(await port.replacePrefix("w1/d", read.maxSeq, read.updates.length, merged)).toBe(false);
      }));

    it("quarantines docs and lists stored docs", () =>
      withPort(async (port) => {
        expect(await port.quarantineReason("w1/x")).toBeNull();
        await port.quarantine("w1/x", "bad row");
        expect(await port.quarantineReason("w1/x")).toBe("bad row");
        expect(await port.quarantineReason("w1/y")).toBeNull();
        await port.append("w2/b", typing("b", 6));
        port.stage("w1/a", typing("a", 7)[0] as Uint8Array, from("ann", 1), recorder());
        expect(await port.listDocs()).toEqual(["w1/a", "w2/b"]);
      }));

    it("records provenance per sender run: exact ranges, coalesced only within the window", () =>
      withPort(async (port) => {
        const doc = "w1/p";
        const ann = typing("hello", 10);
        const ben = typing("yo", 20);
        const l = recorder();
        const t0 = 1_700_000_000_000;
        // Ann types 3 characters within the window (one record), Ben 1, Ann 1 more (new record:
        // Ben came between), then Ann again past the window (new record).
        for (let i = 0; i < 3; i++) port.stage(doc, ann[i] as Uint8Array, from("ann", t0 + i * 100, [{ client: 10, clock: i, len: 1 }]), l);
        await nextTurn();
        port.stage(doc, ben[0] as Uint8Array, from("ben", t0 + 400, [{ client: 20, clock: 0, len: 1 }], [{ client: 10, clock: 1, len: 1 }]), l);
        port.stage(doc, ann[3] as Uint8Array, from("ann", t0 + 500, [{ client: 10, clock: 3, len: 1 }]), l);
        await nextTurn();
        port.stage(doc, ann[4] as Uint8Array, from("ann", t0 + 500 + COALESCE_WINDOW_MS + 1, [{ client: 10, clock: 4, len: 1 }]), l);
        await nextTurn();
        const records = await port.provenance(doc);
        expect(records.map((r) => [r.userId, r.updates, r.firstAt - t0, r.lastAt - t0])).toEqual([
          ["ann", 3, 0, 200],
          ["ben", 1, 400, 400],
          ["ann", 1, 500, 500],
          ["ann", 1, 501 + COALESCE_WINDOW_MS, 501 + COALESCE_WINDOW_MS],
        ]);
        expect(records[0]?.inserts).toEqual([{ client: 10, clock: 0, len: 3 }]);
        expect(records[0]?.name).toBe("Name of ann");
        expect(records[0]?.bytes).toBe(ann.slice(0, 3).reduce((n, u) => n + u.byteLength, 0));
        expect(records[1]?.deletes).toEqual([{ client: 10, clock: 1, len: 1 }]);
        expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
        expect((await port.provenance(doc, { afterSeq: 2, limit: 1 })).map((r) => r.seq)).toEqual([3]);
        expect(await port.provenance("w1/other")).toEqual([]);
      }));

    it("a record extended across turns stays one record with the union of its ranges", () =>
      withPort(async (port) => {
        const l = recorder();
        for (let i = 0; i < 10; i++) {
          port.stage("w1/r", new Uint8Array([0, 0]), from("ann", 1_000 + i, [{ client: 3, clock: i * 2, len: 2 }]), l);
          await nextTurn();
        }
        const records = await port.provenance("w1/r");
        expect(records).toHaveLength(1);
        expect(records[0]?.inserts).toEqual([{ client: 3, clock: 0, len: 20 }]);
        expect(records[0]?.updates).toBe(10);
      }));

    it("a checkpoint closes the newest record: the same sender's next update starts a new one", () =>
      withPort(async (port) => {
        const l = recorder();
        port.stage("w1/c", new Uint8Array([0, 0]), from("ann", 1_000, [{ client: 3, clock: 0, len: 1 }]), l);
        await nextTurn();
        expect((await port.addCheckpoint("w1/c", 1_001, new Uint8Array([0, 0]))).seq).toBe(1);
        port.stage("w1/c", new Uint8Array([0, 0]), from("ann", 1_002, [{ client: 3, clock: 1, len: 1 }]), l);
        await nextTurn();
        expect((await port.provenance("w1/c")).map((r) => [r.seq, r.updates])).toEqual([
          [1, 1],
          [2, 1],
        ]);
      }));

    it("checkpoints and provenance survive compaction (the timeline stays)", () =>
      withPort(async (port) => {
        const doc = "w1/t";
        const updates = typing("abcdef", 30);
        const l = recorder();
        const live = new Y.Doc({ gc: false });
        expect(await port.checkpoints(doc)).toEqual([]);
        for (const [i, u] of updates.entries()) {
          port.stage(doc, u, from(i < 3 ? "ann" : "ben", 1_000 + i, [{ client: 30, clock: i, len: 1 }]), l);
          Y.applyUpdate(live, u);
          if (i === 2) {
            await nextTurn();
            const first = await port.addCheckpoint(doc, 5_000, Y.encodeSnapshot(Y.snapshot(live)));
            expect(first.seq).toBe(1);
          }
        }
        await nextTurn();
        const second = await port.addCheckpoint(doc, 6_000, Y.encodeSnapshot(Y.snapshot(live)));
        // Ann's record was closed by the first checkpoint: Ben's run is record 2, whole.
        expect(second.seq).toBe(2);
        expect((await port.provenance(doc)).map((r) => r.updates)).toEqual([3, 3]);
        const before = await port.provenance(doc);
        const read = await port.load(doc);
        expect(await port.replacePrefix(doc, read.maxSeq, read.updates.length, Y.encodeStateAsUpdate(live))).toBe(true);
        expect((await port.load(doc)).updates).toHaveLength(1);
        expect(await port.provenance(doc)).toEqual(before);
        const checkpoints = await port.checkpoints(doc);
        expect(checkpoints.map((c) => [c.seq, c.at])).toEqual([
          [1, 5_000],
          [2, 6_000],
        ]);
        // The first checkpoint still rebuilds the doc as it was then, from the compacted row.
        const compacted = new Y.Doc({ gc: false });
        Y.applyUpdate(compacted, (await port.load(doc)).updates[0] as Uint8Array);
        const then = Y.createDocFromSnapshot(compacted, Y.decodeSnapshot((checkpoints[0] as { snapshot: Uint8Array }).snapshot));
        expect(then.getText("t").toString()).toBe("abc");
      }));

    runVersionConformance((run) => withPort(run));
  });
}
