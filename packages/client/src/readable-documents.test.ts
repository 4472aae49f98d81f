import { describe, expect, it } from "vitest";
import { parseReadableDocuments } from "./readable-documents.ts";

describe("parseReadableDocuments (the relay's document list is untrusted input)", () => {
  it("keeps this class's documents, without the workspace prefix", () => {
    const data = { documents: [{ id: "wabcdefghij/d0123456789", groupId: null, locked: false, writable: true }, { id: "wabcdefghij/dzzzzzzzzzz", writable: false }] };
    expect(parseReadableDocuments(data, "wabcdefghij")).toEqual([
      { docId: "d0123456789", writable: true },
      { docId: "dzzzzzzzzzz", writable: false },
    ]);
  });

  it("drops other workspaces' names, the index, malformed entries; `writable` must be exactly true", () => {
    const data = { documents: [{ id: "wother00000/d0123456789", writable: true }, { id: "wabcdefghij/index" }, null, 7, { id: 42 }, { id: "wabcdefghij/d0123456789", writable: "yes" }] };
    expect(parseReadableDocuments(data, "wabcdefghij")).toEqual([{ docId: "d0123456789", writable: false }]);
  });

  it("refuses what is not the relay's answer", () => {
    expect(parseReadableDocuments(null, "wabcdefghij")).toBeNull();
    expect(parseReadableDocuments({ documents: "all" }, "wabcdefghij")).toBeNull();
    expect(parseReadableDocuments({ documents: Array.from({ length: 10_001 }, () => ({})) }, "wabcdefghij")).toBeNull();
  });
});

describe("Membership.classRole (from join, sign-in and refresh answers)", () => {
  const base = { workspace: { id: "wabcdefghij", name: "7B" }, user: { id: "u1", name: "Ana" }, role: "editor", owner: false, token: "t.t.t", expiresAt: 1 };
  it("keeps a known class role and drops an unknown one without refusing the membership", async () => {
    const { parseMembership } = await import("./membership.ts");
    expect(parseMembership({ ...base, classRole: "student" })?.classRole).toBe("student");
    const unknown = parseMembership({ ...base, classRole: "headmaster" });
    expect(unknown).not.toBeNull();
    expect(unknown?.classRole).toBeUndefined();
  });
});
