import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { versionText } from "@quire/history";
import { ClientIdStore, DocumentStore, openDatabase } from "@quire/storage-sqlite";
import { HistoryCache, storeSource } from "./HistoryCache.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(debounceMs: number) {
  const dir = mkdtempSync(join(tmpdir(), "quire-history-cache-"));
  dirs.push(dir);
  const db = openDatabase(dir);
  const store = new DocumentStore(db);
  const clientIds = new ClientIdStore(db);
  const cache = new HistoryCache(storeSource(store, clientIds), { historyCacheDocs: 2, historyRebuildDebounceMs: debounceMs });
  // One writer per doc (Ann's client 7 in each), so every doc's updates are complete.
  const writers = new Map<string, Y.Doc>();
  /** Types `text` as Ann at relay time `at` and waits for the group commit. */
  const type = (text: string, at: number, doc = "w1/a") =>
    new Promise<void>((resolve, reject) => {
      let writer = writers.get(doc);
      if (!writer) {
        writer = new Y.Doc({ gc: false });
        writer.clientID = 7;
        clientIds.bind(doc, 7, "ann");
        writers.set(doc, writer);
      }
      const before = Y.getState(writer.store, 7);
      const vector = Y.encodeStateVector(writer);
      writer.getText("t").insert(writer.getText("t").length, text);
      const update = Y.encodeStateAsUpdate(writer, vector);
      store.stage(doc, update, { userId: "ann", name: "Ann", at, inserts: [{ client: 7, clock: before, len: text.length }], deletes: [] }, { committed: resolve, failed: reject });
    });
  return { store, cache, type, close: () => db.close() };
}

describe("HistoryCache", () => {
  it("reuses the index while nothing changed and rebuilds it when a record changed or was added", async () => {
    const { cache, type, close } = setup(0);
    await type("ab", 1_000);
    const first = await cache.get("w1/a");
    expect(versionText(first, "current")).toBe("ab");
    expect(await cache.get("w1/a")).toBe(first);
    // Coalesced into the same record (same seq, one more update): still a change.
    await type("c", 1_001);
    const second = await cache.get("w1/a");
    expect(second).not.toBe(first);
    expect(versionText(second, "current")).toBe("abc");
    expect(second.records).toHaveLength(1);
    // A new record (past the coalescing window).
    await type("d", 1_000_000);
    const third = await cache.get("w1/a");
    expect(versionText(third, "current")).toBe("abcd");
    expect(third.records).toHaveLength(2);
    expect(third.bindings.get(7)).toEqual({ userId: "ann", name: "Ann" });
    close();
  });

  it("rebuilds one doc at most once per debounce window, and the answer then includes every edit", async () => {
    const { cache, type, close } = setup(300);
    await type("a", 1_000);
    const first = await cache.get("w1/a");
    await type("b", 1_001);
    const started = Date.now();
    const [x, y] = await Promise.all([cache.get("w1/a"), cache.get("w1/a")]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(x).toBe(y);
    expect(x).not.toBe(first);
    expect(versionText(x, "current")).toBe("ab");
    close();
  });

  it("keeps at most historyCacheDocs docs, least recently used out first", async () => {
    const { cache, type, close } = setup(0);
    await type("a", 1_000, "w1/a");
    await type("b", 1_000, "w1/b");
    await type("c", 1_000, "w1/c");
    const a = await cache.get("w1/a");
    const b = await cache.get("w1/b");
    expect(await cache.get("w1/a")).toBe(a);
    await cache.get("w1/c"); // evicts b (a was used more recently)
    expect(await cache.get("w1/a")).toBe(a);
    expect(await cache.get("w1/b")).not.toBe(b);
    close();
  });
});
