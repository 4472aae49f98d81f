import { describe, expect, it } from "vitest";
import { type MemberAccess, CLASS_WIDE, canRead, canWrite, withGroupLock } from "./access-decision.ts";

const member = (role: MemberAccess["role"], groups: string[] = [], removed = false): MemberAccess => ({ role, groupIds: new Set(groups), removed });
const groupA = { groupId: "gA", locked: false, lockFrom: null };

describe("access decisions", () => {
  it("a teacher reads and writes every document, locked or not", () => {
    expect(canRead(member("teacher"), groupA).ok).toBe(true);
    expect(canWrite(member("teacher"), { ...groupA, locked: true }, 0).ok).toBe(true);
  });

  it("a student reads and writes class-wide documents and her groups', not other groups'", () => {
    expect(canWrite(member("student"), CLASS_WIDE, 0).ok).toBe(true);
    expect(canWrite(member("student", ["gA"]), groupA, 0).ok).toBe(true);
    expect(canRead(member("student", ["gB"]), groupA)).toMatchObject({ ok: false, code: "not_in_group" });
    expect(canWrite(member("student", ["gB"]), groupA, 0)).toMatchObject({ ok: false, code: "not_in_group" });
  });

  it("commenters and viewers read but never write", () => {
    for (const role of ["commenter", "viewer"] as const) {
      expect(canRead(member(role), CLASS_WIDE).ok).toBe(true);
      expect(canWrite(member(role), CLASS_WIDE, 0)).toMatchObject({ ok: false, code: "read_only_role" });
      expect(canRead(member(role), groupA).ok).toBe(false);
    }
  });

  it("a lock with a due time makes students read-only from that time on", () => {
    const due = { ...groupA, locked: true, lockFrom: 1_000 };
    expect(canWrite(member("student", ["gA"]), due, 999).ok).toBe(true);
    expect(canWrite(member("student", ["gA"]), due, 1_000)).toMatchObject({ ok: false, code: "locked" });
    expect(canRead(member("student", ["gA"]), due).ok).toBe(true);
  });

  it("a removed member reads nothing, whatever her role was", () => {
    expect(canRead(member("teacher", [], true), CLASS_WIDE)).toMatchObject({ ok: false, code: "removed" });
  });

  it("a group's lock locks its documents from the earlier of the two due times; class-wide ones never", () => {
    const student = member("student", ["gA"]);
    expect(withGroupLock(groupA, undefined)).toBe(groupA);
    expect(withGroupLock(CLASS_WIDE, 0)).toBe(CLASS_WIDE);
    const fromGroup = withGroupLock(groupA, 100);
    expect(canWrite(student, fromGroup, 99).ok).toBe(true);
    expect(canWrite(student, fromGroup, 100)).toMatchObject({ ok: false, code: "locked" });
    expect(withGroupLock({ ...groupA, locked: true, lockFrom: 50 }, 100).lockFrom).toBe(50);
    expect(withGroupLock({ ...groupA, locked: true, lockFrom: 150 }, 100).lockFrom).toBe(100);
    expect(withGroupLock({ ...groupA, locked: true, lockFrom: 150 }, null).lockFrom).toBeNull();
    expect(withGroupLock({ ...groupA, locked: true, lockFrom: null }, 100).lockFrom).toBeNull();
  });
});
