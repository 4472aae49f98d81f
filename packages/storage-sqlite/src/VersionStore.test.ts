import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./open-database.ts";
import { VersionStore } from "./VersionStore.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("VersionStore (SQLite)", () => {
  it("the database itself refuses to change or delete a hand-in, also after a reopen", () => {
    const dir = mkdtempSync(join(tmpdir(), "quire-versions-"));
    dirs.push(dir);
    let db = openDatabase(dir);
    const store = new VersionStore(db);
    const handIn = store.add("w1/a", { kind: "handin", name: "Essay", at: 1, userId: "ann", userName: "Ann", snapshot: new Uint8Array([0, 0]), update: new Uint8Array([7]), contentHash: "c".repeat(64) }, 3);
    const named = store.add("w1/a", { kind: "named", name: "Draft", at: 2, userId: "ann", userName: "Ann", snapshot: new Uint8Array([0, 0]) }, 3);
    db.close();
    db = openDatabase(dir);
    new VersionStore(db);
    expect(() => db.prepare("UPDATE history_versions SET update_data = x'00' WHERE id = ?").run(handIn.id)).toThrow(/cannot be changed/);
    expect(() => db.prepare("UPDATE history_versions SET name = 'x' WHERE id = ?").run(handIn.id)).toThrow(/cannot be changed/);
    expect(() => db.prepare("DELETE FROM history_versions WHERE doc = 'w1/a'").run()).toThrow(/cannot be deleted/);
    // Other versions change freely.
    db.prepare("UPDATE history_versions SET name = 'Draft 2' WHERE id = ?").run(named.id);
    const reopened = new VersionStore(db);
    expect(reopened.list("w1/a").map((v) => [v.kind, v.name, v.seq])).toEqual([
      ["handin", "Essay", 3],
      ["named", "Draft 2", 3],
    ]);
    expect([...(reopened.handInUpdate("w1/a", handIn.id) ?? [])]).toEqual([7]);
    db.close();
  });
});
