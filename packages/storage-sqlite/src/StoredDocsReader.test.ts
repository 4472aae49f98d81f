import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ClientIdStore } from "./ClientIdStore.ts";
import { DocumentStore } from "./DocumentStore.ts";
import { openDatabase } from "./open-database.ts";
import { StoredDocsReader } from "./StoredDocsReader.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("StoredDocsReader", () => {
  it("reads client-id owners, and inside `consistent` sees one commit while the writer goes on", async () => {
    const dir = mkdtempSync(join(tmpdir(), "quire-reader-"));
    dirs.push(dir);
    const db = openDatabase(dir);
    const store = new DocumentStore(db);
    new ClientIdStore(db).bind("w1/a", 7, "ann");
    const stage = (at: number, clock: number) =>
      new Promise<void>((resolve, reject) =>
        store.stage("w1/a", new Uint8Array([0, 0]), { userId: "ann", name: "Ann", at, inserts: [{ client: 7, clock, len: 1 }], deletes: [] }, { committed: resolve, failed: reject }),
      );
    await stage(1_000, 0);
    const reader = new StoredDocsReader(dir);
    expect(reader.owners("w1/a")).toEqual(new Map([[7, "ann"]]));
    expect(reader.owners("w1/other")).toEqual(new Map());
    const seen = await reader.consistent(() => {
      const before = { rows: reader.rows("w1/a").length, records: reader.provenance("w1/a").length };
      // The relay commits a row and a record (a new one: far past the coalescing window) meanwhile.
      void stage(10_000_000, 1);
      store.flush();
      return { before, after: { rows: reader.rows("w1/a").length, records: reader.provenance("w1/a").length } };
    });
    expect(seen.after).toEqual(seen.before);
    expect({ rows: reader.rows("w1/a").length, records: reader.provenance("w1/a").length }).toEqual({ rows: 2, records: 2 });
    reader.close();
    db.close();
  });
});
