import { useTempDatabase } from "@quire/testkit";
import { beforeEach, describe, expect, it } from "vitest";
import { ClassAccess } from "../access/ClassAccess.ts";
import { ClassDocuments } from "../storage/ClassDocuments.ts";
import { ClassStore } from "../storage/ClassStore.ts";
import { WorkspaceStore } from "../storage/WorkspaceStore.ts";
import { type ClassRoster, ROSTER_LIMITS, parseClassRoster, readClassRoster } from "./class-roster.ts";
import { HubRoster } from "./HubRoster.ts";

const CLASS = "wclass00001";
const claims = (sub: string, role: "editor" | "viewer" = "editor") => ({ sub, name: sub, role, workspace: CLASS });

/** In the order readClassRoster gives (by sub, id, doc). */
const roster = (): ClassRoster => ({
  members: [
    { sub: "u_ana", name: "Ana", role: "student", groupIds: ["g_a"], removedAt: null },
    { sub: "u_ben", name: "Ben", role: "student", groupIds: ["g_b"], removedAt: null },
    { sub: "u_teacher", name: "Ms Rao", role: "teacher", groupIds: [], removedAt: null },
  ],
  groups: [
    { id: "g_a", name: "Rivers" },
    { id: "g_b", name: "Mountains" },
  ],
  documents: [
    { doc: `${CLASS}/mountains`, groupId: "g_b", locked: false, lockFrom: null },
    { doc: `${CLASS}/rivers`, groupId: "g_a", locked: false, lockFrom: null },
  ],
  groupLocks: [],
});

describe("HubRoster", () => {
  const store = useTempDatabase("quire-hub-roster-");
  let classes: ClassStore;
  let hub: HubRoster;
  let access: ClassAccess;
  beforeEach(() => {
    const db = store.db;
    classes = new ClassStore(db);
    const documents = new ClassDocuments(db, classes);
    hub = new HubRoster(db, classes);
    access = new ClassAccess(new WorkspaceStore(db), classes, documents, undefined, undefined, new Set([CLASS]));
  });

  it("decides by the mirrored groups and locks, writing a class change only when the roster changed", () => {
    expect(hub.apply(CLASS, roster())).toBe(true);
    expect(access.mayReadDoc(claims("u_ana"), `${CLASS}/rivers`).ok).toBe(true);
    expect(access.mayReadDoc(claims("u_ana"), `${CLASS}/mountains`)).toMatchObject({ ok: false, code: "not_in_group" });
    expect(access.mayReadDoc(claims("u_teacher"), `${CLASS}/mountains`).ok).toBe(true);
    const changes = classes.lastChange();
    expect(hub.apply(CLASS, roster())).toBe(false);
    expect(classes.lastChange()).toBe(changes);

    const locked = roster();
    locked.groupLocks = [{ groupId: "g_a", lockFrom: null }];
    expect(hub.apply(CLASS, locked)).toBe(true);
    expect(access.mayWriteDoc(claims("u_ana"), `${CLASS}/rivers`)).toMatchObject({ ok: false, code: "locked" });
    expect(access.mayWriteDoc(claims("u_ben"), `${CLASS}/mountains`).ok).toBe(true);
  });

  it("refuses removed members, drops members the upstream no longer lists, and lets unlisted ones wait unrecorded", () => {
    hub.apply(CLASS, roster());
    const next = roster();
    next.members = next.members.filter((m) => m.sub !== "u_ben").map((m) => (m.sub === "u_ana" ? { ...m, groupIds: [], removedAt: 1 } : m));
    hub.apply(CLASS, next);
    expect(access.mayReadDoc(claims("u_ana"), `${CLASS}/rivers`)).toMatchObject({ ok: false, code: "removed" });
    expect(classes.member(CLASS, "u_ben")).toBeNull();
    // Ben (no longer listed) and a newcomer (a join still waiting upstream?) wait; not recorded here.
    expect(access.mayReadDoc(claims("u_ben"), `${CLASS}/mountains`)).toMatchObject({ ok: false, code: "waiting" });
    expect(access.mayReadDoc(claims("u_new"), `${CLASS}/class-notes`)).toMatchObject({ ok: false, code: "waiting" });
    expect(access.mayWriteDoc(claims("u_new"), `${CLASS}/class-notes`).ok).toBe(false);
    expect(classes.member(CLASS, "u_new")).toBeNull();
  });

  it("reads back, from the class tables, the roster it mirrored (the upstream's reader)", () => {
    hub.apply(CLASS, roster());
    expect(readClassRoster(store.db, CLASS)).toEqual(roster()); // the fixture is in the reader's order
  });
});

describe("parseClassRoster", () => {
  it("accepts a roster of the class", () => {
    expect(parseClassRoster(CLASS, roster())).toEqual({ ok: true, roster: roster() });
  });

  it("refuses another class's document, an unknown role, extra fields and an oversized roster", () => {
    const other = roster();
    other.documents.push({ doc: "wother00001/essay", groupId: null, locked: false, lockFrom: null });
    expect(parseClassRoster(CLASS, other)).toMatchObject({ ok: false, message: expect.stringMatching(/not of class/) });
    expect(parseClassRoster(CLASS, { ...roster(), members: [{ ...roster().members[0], role: "owner" }] }).ok).toBe(false);
    expect(parseClassRoster(CLASS, { ...roster(), signInCodes: [] }).ok).toBe(false);
    const many = Array.from({ length: ROSTER_LIMITS.members + 1 }, (_, i) => ({ sub: `u_${i}`, name: "x", role: "student", groupIds: [], removedAt: null }));
    expect(parseClassRoster(CLASS, { ...roster(), members: many }).ok).toBe(false);
    expect(parseClassRoster(CLASS, null).ok).toBe(false);
  });
});
