import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DocumentStore, openDatabase } from "@quire/storage-sqlite";
import { VersionListCache } from "./VersionListCache.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A real store; `edit` stages one update by `userId` at relay time `at` and waits for its commit. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), "quire-version-list-cache-"));
  dirs.push(dir);
  const db = openDatabase(dir);
  const store = new DocumentStore(db);
  let clock = 0;
  const edit = (userId: string, at: number, doc = "w1/a") =>
    new Promise<void>((resolve, reject) => {
      // The bytes do not matter to the list: only who sent them, when, and the records they make.
      const update = new Uint8Array([0, 0]);
      store.stage(doc, update, { userId, name: userId.toUpperCase(), at, inserts: [{ client: 7, clock: clock++, len: 1 }], deletes: [] }, { committed: resolve, failed: reject });
    });
  const version = (name: string, at: number) => store.addVersion("w1/a", { kind: "named", name, at, userId: "t", userName: "T", snapshot: new Uint8Array([0, 0]) });
  return { store, cache: new VersionListCache(store, 2), edit, version, close: () => db.close() };
}

const by = (list: readonly { by: { userId: string }[] }[]) => list.map((v) => v.by.map((b) => b.userId));

describe("VersionListCache", () => {
  it("serves the same list while nothing changed, and a new one after a record, a checkpoint or a version", async () => {
    const { store, cache, edit, version, close } = setup();
    await edit("ann", 1_000);
    const none = await cache.get("w1/a");
    expect(none).toEqual([]);
    // Coalesced into the newest record (same seq, same user): the list is the same.
    await edit("ann", 1_001);
    expect(await cache.get("w1/a")).toBe(none);
    await store.addCheckpoint("w1/a", 1_100, new Uint8Array([0, 0]));
    const first = await cache.get("w1/a");
    expect(by(first)).toEqual([["ann"]]);
    expect(await cache.get("w1/a")).toBe(first);
    // A new record changes who took part before the next version.
    await edit("ben", 10_000_000);
    await store.addCheckpoint("w1/a", 10_000_100, new Uint8Array([0, 0]));
    const second = await cache.get("w1/a");
    expect(by(second)).toEqual([["ann"], ["ben"]]);
    // A version people made (the checkpoint at its seq shows the same state: left out), renamed.
    const named = await version("Draft", 10_000_200);
    const third = await cache.get("w1/a");
    expect(third).not.toBe(second);
    expect(third.map((v) => v.name ?? v.kind)).toEqual(["auto", "Draft"]);
    await store.renameVersion("w1/a", named.id, "First draft");
    expect((await cache.get("w1/a")).map((v) => v.name ?? v.kind)).toEqual(["auto", "First draft"]);
    close();
  });

  it("rebuilds a forgotten doc and keeps at most its limit of docs", async () => {
    const { store, cache, edit, close } = setup();
    for (const doc of ["w1/a", "w1/b", "w1/c"]) {
      await edit("ann", 1_000, doc);
      await store.addCheckpoint(doc, 1_100, new Uint8Array([0, 0]));
    }
    const a = await cache.get("w1/a");
    cache.forget("w1/a");
    const a2 = await cache.get("w1/a");
    expect(a2).not.toBe(a);
    expect(a2).toEqual(a);
    const b = await cache.get("w1/b");
    await cache.get("w1/c"); // evicts a (b was used more recently)
    expect(await cache.get("w1/b")).toBe(b);
    expect(await cache.get("w1/a")).not.toBe(a2);
    close();
  });
});
