/** The class answers' checks: well-formed answers pass, malformed or oversized ones throw. */
import { describe, expect, it } from "vitest";
import { CLASS_RESPONSE_LIMITS, parseClassDocuments, parseClassGroups, parseClassMembers } from "./class-responses.ts";

const member = { id: "u_1", name: "Ana", role: "student", groupIds: ["g_abcdEF12"], lastActiveAt: null, online: 2, signInCode: "ABCDE-FGHJK" };

describe("class responses", () => {
  it("accepts the contract's shapes", () => {
    expect(parseClassMembers({ members: [member] })).toEqual([member]);
    expect(parseClassGroups({ groups: [{ id: "g_abcdEF12", name: "A", memberIds: ["u_1"] }, { id: "g_abcdEF13", name: "B" }] })).toEqual([
      { id: "g_abcdEF12", name: "A", memberIds: ["u_1"] },
      { id: "g_abcdEF13", name: "B" },
    ]);
    expect(parseClassGroups({ groups: [{ id: "g_abcdEF12", name: "A", lock: { lockFrom: 7 } }, { id: "g_abcdEF13", name: "B", lock: null }] })).toEqual([
      { id: "g_abcdEF12", name: "A", lock: { lockFrom: 7 } },
      { id: "g_abcdEF13", name: "B", lock: null },
    ]);
    expect(parseClassDocuments({ documents: [{ id: "w0000000001/d1", groupId: null, locked: true, lockFrom: 5, writable: false }] })).toEqual([
      { id: "w0000000001/d1", groupId: null, locked: true, lockFrom: 5, writable: false },
    ]);
  });

  it.each([
    ["a role that is not a class role", { members: [{ ...member, role: "owner" }] }],
    ["a group id of another shape", { members: [{ ...member, groupIds: ["../x"] }] }],
    ["a negative online count", { members: [{ ...member, online: -1 }] }],
    ["a code not of the printed shape", { members: [{ ...member, signInCode: "<img>" }] }],
    ["an empty name", { members: [{ ...member, name: "" }] }],
    ["a name past the bound", { members: [{ ...member, name: "x".repeat(CLASS_RESPONSE_LIMITS.maxString + 1) }] }],
    ["no list", { members: "all" }],
  ])("refuses %s", (_what, raw) => {
    expect(() => parseClassMembers(raw)).toThrow(TypeError);
  });

  it("refuses too many entries and a malformed group or document", () => {
    expect(() => parseClassMembers({ members: Array.from({ length: CLASS_RESPONSE_LIMITS.maxMembers + 1 }, () => member) })).toThrow(TypeError);
    expect(() => parseClassGroups({ groups: [{ id: "g_abcdEF12" }] })).toThrow(TypeError);
    expect(() => parseClassGroups({ groups: [{ id: "g_abcdEF12", name: "A", lock: { lockFrom: "soon" } }] })).toThrow(TypeError);
    expect(() => parseClassDocuments({ documents: [{ id: "x", groupId: 3, locked: false, lockFrom: null }] })).toThrow(TypeError);
  });
});
