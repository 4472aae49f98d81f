import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DOC_ID } from "./doc-id.ts";
import { MAX_TITLE_LENGTH, ReadOnlyIndexError, TOUCH_INTERVAL_MS, UNTITLED, WorkspaceIndex } from "./WorkspaceIndex.ts";

function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** Exchanges all missing updates between docs (what the relay does once both are online). */
function syncAll(...docs: Y.Doc[]): void {
  for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

describe("WorkspaceIndex", () => {
  it("creates, renames, trashes and restores documents", () => {
    const t = clock();
    const index = new WorkspaceIndex(new Y.Doc(), { now: t.now });
    const id = index.create("  Lab report\n draft ", "Ana");
    expect(id).toMatch(DOC_ID);
    expect(index.get(id)).toEqual({
      id,
      title: "Lab report  draft",
      createdAt: 1_000,
      createdBy: "Ana",
      updatedAt: 1_000,
      updatedBy: "Ana",
      trashedAt: null,
    });
    t.advance(5);
    index.rename(id, "Final report", "Ben");
    expect(index.get(id)).toMatchObject({ title: "Final report", updatedBy: "Ben", updatedAt: 1_005, createdBy: "Ana" });
    t.advance(5);
    index.trash(id, "Ben");
    expect(index.list()).toEqual([]);
    expect(index.list({ trashed: true }).map((e) => e.id)).toEqual([id]);
    expect(index.get(id)?.trashedAt).toBe(1_010);
    index.restore(id, "Ana");
    expect(index.list().map((e) => e.id)).toEqual([id]);
    expect(index.list({ trashed: true })).toEqual([]);
  });

  it("writes nothing for a rename to the current title (no 'edited by' from a field nobody typed in)", () => {
    const t = clock();
    const doc = new Y.Doc();
    const index = new WorkspaceIndex(doc, { now: t.now });
    const id = index.create("Group report", "Ana");
    let updates = 0;
    doc.on("update", () => updates++);
    t.advance(5);
    index.rename(id, " Group report ", "Ben");
    expect(updates).toBe(0);
    expect(index.get(id)).toMatchObject({ title: "Group report", updatedBy: "Ana", updatedAt: 1_000 });
    index.rename(id, "Group report v2", "Ben");
    expect(updates).toBe(1);
  });

  it("lists by last edit, newest first, and names empty titles", () => {
    const t = clock();
    const index = new WorkspaceIndex(new Y.Doc(), { now: t.now });
    const a = index.create("", "Ana");
    t.advance(1);
    const b = index.create("B", "Ana");
    t.advance(TOUCH_INTERVAL_MS);
    index.touch(a, "Ana");
    expect(index.list().map((e) => e.id)).toEqual([a, b]);
    expect(index.get(a)?.title).toBe(UNTITLED);
    expect(index.get(b)?.title).toBe("B");
    index.rename(b, "x".repeat(1_000), "Ana");
    expect(index.get(b)?.title.length).toBe(MAX_TITLE_LENGTH);
  });

  it("records 'last edited by' at most once per interval per person", () => {
    const t = clock();
    const doc = new Y.Doc();
    const index = new WorkspaceIndex(doc, { now: t.now });
    const id = index.create("Notes", "Ana");
    let updates = 0;
    doc.on("update", () => updates++);
    t.advance(1);
    index.touch(id, "Ana");
    expect(updates).toBe(0);
    index.touch(id, "Ben");
    expect(updates).toBe(1);
    expect(index.get(id)).toMatchObject({ updatedBy: "Ben", updatedAt: 1_001 });
    t.advance(TOUCH_INTERVAL_MS);
    index.touch(id, "Ben");
    expect(updates).toBe(2);
  });

  it("merges documents created offline on two devices", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ia = new WorkspaceIndex(a);
    const ib = new WorkspaceIndex(b);
    const shared = ia.create("Shared plan", "Ana");
    syncAll(a, b);
    // Both go offline and work.
    const fromA = ia.create("Ana's notes", "Ana");
    const fromB = ib.create("Ben's notes", "Ben");
    ia.rename(shared, "Plan (Ana)", "Ana");
    ib.trash(shared, "Ben");
    syncAll(a, b);
    expect(ia.list({ trashed: true })).toEqual(ib.list({ trashed: true }));
    expect(ia.list()).toEqual(ib.list());
    expect(new Set(ia.list().map((e) => e.id))).toEqual(new Set([fromA, fromB]));
    expect(ia.get(shared)?.trashedAt).not.toBeNull();
  });

  it("ignores malformed entries written by another client", () => {
    const doc = new Y.Doc();
    const index = new WorkspaceIndex(doc);
    const good = index.create("Good", "Ana");
    const docs = doc.getMap<unknown>("docs");
    docs.set("../../etc", new Y.Map());
    docs.set("dxxxxxxxxxx", "not a map");
    const weird = new Y.Map<unknown>();
    docs.set("dabcdefghij", weird);
    weird.set("title", 42);
    weird.set("updatedAt", "yesterday");
    expect(index.list().map((e) => e.id).sort()).toEqual(["dabcdefghij", good].sort());
    expect(index.get("dabcdefghij")).toMatchObject({ title: UNTITLED, updatedAt: 0, trashedAt: null });
    expect(index.get("dxxxxxxxxxx")).toBeUndefined();
    expect(() => index.rename("dzzzzzzzzzz", "x", "Ana")).toThrow(/no document/);
  });

  it("notifies subscribers of remote and local changes", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ib = new WorkspaceIndex(b);
    let calls = 0;
    const stop = ib.subscribe(() => calls++);
    new WorkspaceIndex(a).create("From A", "Ana");
    syncAll(a, b);
    expect(calls).toBe(1);
    ib.create("From B", "Ben");
    expect(calls).toBe(2);
    stop();
    ib.create("Unheard", "Ben");
    expect(calls).toBe(2);
  });

  it("converges for random offline operations on three devices (seeded)", () => {
    const seed = Number(process.env.QUIRE_SEED ?? Date.now() % 2 ** 31);
    const op = fc.record({
      device: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom("create", "rename", "trash", "restore", "touch", "sync"),
      pick: fc.nat(),
      title: fc.string({ maxLength: 12 }),
    });
    try {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
          const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
          const indexes = docs.map((d, i) => new WorkspaceIndex(d, { now: () => i }));
          for (const o of ops) {
            const index = indexes[o.device] as WorkspaceIndex;
            const ids = index.ids();
            const target = ids[o.pick % Math.max(ids.length, 1)];
            if (o.kind === "create") index.create(o.title, `u${o.device}`);
            else if (o.kind === "sync") syncAll(...docs);
            else if (target !== undefined) index[o.kind](target, o.kind === "rename" ? o.title : `u${o.device}`, `u${o.device}`);
          }
          syncAll(...docs);
          const [first, ...rest] = indexes.map((i) => JSON.stringify([i.list(), i.list({ trashed: true })]));
          for (const other of rest) expect(other).toBe(first);
        }),
        { seed, numRuns: 50 },
      );
    } catch (error) {
      console.error(`replay: QUIRE_SEED=${seed} pnpm -s exec vitest run --project web-unit WorkspaceIndex`);
      throw error;
    }
  });

  it("refuses changes from a viewer (the relay would reject them) but lets them read", () => {
    const doc = new Y.Doc();
    const id = new WorkspaceIndex(doc).create("Shared", "Ana");
    const viewer = new WorkspaceIndex(doc, { readOnly: true });
    expect(viewer.list().map((e) => e.id)).toEqual([id]);
    expect(() => viewer.create("Mine", "Cleo")).toThrow(ReadOnlyIndexError);
    expect(() => viewer.rename(id, "x", "Cleo")).toThrow(/only read/);
    expect(() => viewer.trash(id, "Cleo")).toThrow(ReadOnlyIndexError);
    viewer.touch(id, "Cleo");
    expect(viewer.get(id)?.updatedBy).toBe("Ana");
  });

  it("returns the same objects until something changes (safe for useSyncExternalStore)", () => {
    const t = clock();
    const index = new WorkspaceIndex(new Y.Doc(), { now: t.now });
    const a = index.create("A", "Ana");
    const b = index.create("B", "Ana");
    const list = index.list();
    const entryA = index.get(a);
    expect(index.list()).toBe(list);
    expect(index.get(a)).toBe(entryA);
    expect(index.list({ trashed: true })).toBe(index.list({ trashed: true }));
    t.advance(1);
    index.rename(b, "B2", "Ben");
    expect(index.list()).not.toBe(list);
    expect(index.get(a)).toBe(entryA); // Unchanged entries keep their identity.
    expect(index.get(b)?.title).toBe("B2");
  });

  it("reads a split list's parts as one list, changes an entry in its own part and creates in the chosen one", () => {
    const classPart = new Y.Doc();
    const groupPart = new Y.Doc();
    new WorkspaceIndex(classPart).create("Brief", "Ms Lee");
    const theirs = new WorkspaceIndex(groupPart).create("Group essay", "Ana");
    const index = new WorkspaceIndex(new Y.Doc());
    let notified = 0;
    index.subscribe(() => notified++);
    index.setParts([classPart, groupPart], groupPart);
    expect(notified).toBeGreaterThan(0);
    expect(index.list().map((e) => e.title).sort()).toEqual(["Brief", "Group essay"]);
    const mine = index.create("Notes", "Ana");
    expect(groupPart.getMap("docs").has(mine)).toBe(true);
    expect(classPart.getMap("docs").has(mine)).toBe(false);
    index.rename(theirs, "Group essay v2", "Ana");
    expect((groupPart.getMap("docs").get(theirs) as Y.Map<unknown>).get("title")).toBe("Group essay v2");
    // A remote change in any part reaches subscribers.
    const before = notified;
    new WorkspaceIndex(classPart).create("Rubric", "Ms Lee");
    expect(notified).toBeGreaterThan(before);
    expect(index.list()).toHaveLength(4);
  });

  it("shows an entry in two parts (mid-move) once, the newer one", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const time = clock();
    const id = new WorkspaceIndex(a, { now: time.now }).create("Old", "Ms Lee");
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    time.advance(1_000);
    new WorkspaceIndex(b, { now: time.now }).rename(id, "New", "Ms Lee");
    const index = new WorkspaceIndex(new Y.Doc());
    index.setParts([a, b], a);
    expect(index.list().map((e) => e.title)).toEqual(["New"]);
  });
});
