import { useTempDatabase } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { ClassStore } from "./ClassStore.ts";
import { GroupLocks } from "./GroupLocks.ts";
import { JoinRequests } from "./JoinRequests.ts";
import { StoredRowError, checkRow, storedRows } from "./stored-rows.ts";

const CLASS = "wclass00001";
const store = useTempDatabase("quire-stored-rows-");

describe("stored rows are checked where they are read", () => {
  it("accepts rows of the shape and refuses each way a column can be off", () => {
    const shape = { name: "text", note: "text?", at: "integer", until: "integer?", role: ["editor", "viewer"] } as const;
    const good = { name: "Ana", note: null, at: 1, until: null, role: "viewer" };
    expect(checkRow(shape, good, "q")).toBe(good);
    for (const bad of [
      { ...good, name: null },
      { ...good, note: 3 },
      { ...good, at: "1" },
      { ...good, at: 1.5 },
      { ...good, until: Number.MAX_SAFE_INTEGER + 2 },
      { ...good, role: "teacher" },
      { note: null, at: 1, until: null, role: "viewer" },
    ]) {
      expect(() => checkRow(shape, bad, "q"), JSON.stringify(bad)).toThrow(StoredRowError);
    }
    expect(() => checkRow(shape, undefined, "q")).toThrow(/q: not a row/);
  });

  it("maps checked rows, and names the query and column of a row that does not fit", () => {
    store.db.exec("CREATE TABLE t (a TEXT, b INTEGER); INSERT INTO t VALUES ('x', 1), ('y', NULL)");
    const rows = storedRows({ a: "text", b: "integer?" }, (r) => `${r.a}${r.b ?? "-"}`)<[]>(store.db, "SELECT a, b FROM t ORDER BY a");
    expect(rows.all()).toEqual(["x1", "y-"]);
    expect(rows.get()).toBe("x1");
    const strict = storedRows({ a: "text", b: "integer" })<[string]>(store.db, "SELECT a, b FROM t WHERE a = ?");
    expect(strict.get("x")).toEqual({ a: "x", b: 1 });
    expect(strict.get("none")).toBeUndefined();
    expect(() => strict.get("y")).toThrow("SELECT a, b FROM t WHERE a = ?: column b is not integer");
  });

  it("a damaged join request or group lock is refused, never passed on as a valid one", () => {
    const db = store.db;
    const classes = new ClassStore(db);
    const joins = new JoinRequests(db, classes);
    const locks = new GroupLocks(db, classes);
    expect(joins.add(CLASS, "u_ana", "Ana", "editor")).toBe(true);
    locks.lock(CLASS, "g_a", 5);
    expect(joins.get(CLASS, "u_ana")).toMatchObject({ role: "editor", state: "waiting" });
    expect(locks.all(CLASS)).toEqual([{ groupId: "g_a", lockFrom: 5 }]);
    db.exec("UPDATE class_join_requests SET role = 'teacher'; UPDATE class_group_locks SET lock_from = 'soon'");
    expect(() => joins.get(CLASS, "u_ana")).toThrow(/column role is not editor \| viewer/);
    expect(() => joins.waiting(CLASS)).toThrow(StoredRowError);
    expect(() => locks.get(CLASS, "g_a")).toThrow(/column lock_from is not integer\?/);
  });
});
