/**
 * @module use-temp-database
 * A fresh relay database (`openDatabase`: the relay's schema and durability settings) in a temp
 * data dir for each test, closed and removed after it: for unit tests of the relay's storage
 * modules, which need real SQLite but no relay process.
 *
 * @example
 * const store = useTempDatabase();
 * it("locks a group", () => {
 *   const locks = new GroupLocks(store.db, new ClassStore(store.db));
 * });
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Db, openDatabase } from "@quire/storage-sqlite";
import { afterEach, beforeEach } from "vitest";

export interface TempDatabase {
  /** The open database of the running test. */
  readonly db: Db;
  /** Its data dir. */
  readonly dir: string;
}

export function useTempDatabase(prefix = "quire-db-"): TempDatabase {
  let current: { db: Db; dir: string } | null = null;
  beforeEach(() => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    current = { db: openDatabase(dir), dir };
  });
  afterEach(() => {
    current?.db.close();
    if (current) rmSync(current.dir, { recursive: true, force: true });
    current = null;
  });
  const open = () => {
    if (!current) throw new Error("useTempDatabase(): use the database inside a test or a later hook");
    return current;
  };
  return {
    get db() {
      return open().db;
    },
    get dir() {
      return open().dir;
    },
  };
}
