import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "@quire/storage-sqlite";
import { ClassAccess } from "../access/ClassAccess.ts";
import { ClassDocuments } from "./ClassDocuments.ts";
import { ClassStore, formatSignInCode } from "./ClassStore.ts";
import { WorkspaceStore } from "./WorkspaceStore.ts";

describe("ClassStore", () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "quire-classes-"));
    db = openDatabase(dir);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("makes the owner of every workspace from before classes its teacher, once", () => {
    const workspaces = new WorkspaceStore(db);
    const old = workspaces.create("Old class", "u_owner");
    new ClassStore(db);
    const classes = new ClassStore(db); // a restart: the migration runs again, changes nothing
    expect(classes.members(old.id).map((m) => [m.sub, m.role])).toEqual([["u_owner", "teacher"]]);
  });

  it("records a pre-class token's member once, as her token says, and never re-admits a removed one", () => {
    const workspaces = new WorkspaceStore(db);
    const ws = workspaces.create("Class", "u_owner");
    const classes = new ClassStore(db);
    const access = new ClassAccess(workspaces, classes, new ClassDocuments(db, classes));
    const claims = { sub: "u_old", name: "Old", role: "editor" as const, workspace: ws.id };
    expect(access.member(claims)?.role).toBe("student");
    expect(access.member({ ...claims, name: "Renamed in token" })?.name).toBe("Old");
    expect(access.member({ sub: "u_owner", name: "Ann", role: "editor", workspace: ws.id })).toMatchObject({ role: "teacher", name: "Ann" });
    expect(classes.removeMember(ws.id, "u_old")).toBe(true);
    expect(access.mayReadDoc(claims, `${ws.id}/d`)).toMatchObject({ ok: false, code: "removed" });
    expect(classes.members(ws.id).map((m) => m.sub)).toEqual(["u_owner"]);
  });

  it("finds a member by her sign-in code in any spelling, and not after rotation or removal", () => {
    const classes = new ClassStore(db);
    const member = classes.addMember("wabcdefghij", "Mia", "student", []);
    const code = member.signInCode as string;
    expect(classes.findBySignInCode(formatSignInCode(code).toLowerCase())?.sub).toBe(member.sub);
    const rotated = classes.rotateSignInCode("wabcdefghij", member.sub) as string;
    expect(classes.findBySignInCode(code)).toBeNull();
    expect(classes.findBySignInCode(rotated)?.sub).toBe(member.sub);
    classes.removeMember("wabcdefghij", member.sub);
    expect(classes.findBySignInCode(rotated)).toBeNull();
    expect(classes.rotateSignInCode("wabcdefghij", member.sub)).toBeNull();
  });

  it("writes one change row per change, for the watcher", () => {
    const classes = new ClassStore(db);
    const documents = new ClassDocuments(db, classes);
    const start = classes.lastChange();
    const group = classes.createGroup("wabcdefghij", "G");
    documents.assign("wabcdefghij/d", group.id);
    documents.lock("wabcdefghij/d", null);
    expect(classes.changesAfter(start).map((c) => c.workspace)).toEqual(["wabcdefghij", "wabcdefghij", "wabcdefghij"]);
    expect(documents.get("wabcdefghij/d")).toEqual({ groupId: group.id, locked: true, lockFrom: null });
  });
});
