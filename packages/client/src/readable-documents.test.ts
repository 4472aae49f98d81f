import { describe, expect, it } from "vitest";
import { parseReadableDocuments } from "./readable-documents.ts";

describe("parseReadableDocuments (the relay's document list is untrusted input)", () => {
  it("keeps this class's documents, without the workspace prefix", () => {
    const data = { documents: [{ id: "wabcdefghij/d0123456789", groupId: null, locked: false, writable: true }, { id: "wabcdefghij/dzzzzzzzzzz", writable: false }] };
    expect(parseReadableDocuments(data, "wabcdefghij")?.documents).toEqual([
      { docId: "d0123456789", writable: true },
      { docId: "dzzzzzzzzzz", writable: false },
    ]);
  });

  it("reads `restricted`: only an explicit false lifts the filter (an older relay's answer stays careful)", () => {
    expect(parseReadableDocuments({ documents: [], restricted: false }, "wabcdefghij")?.restricted).toBe(false);
    expect(parseReadableDocuments({ documents: [], restricted: true }, "wabcdefghij")?.restricted).toBe(true);
    expect(parseReadableDocuments({ documents: [] }, "wabcdefghij")?.restricted).toBe(true);
    expect(parseReadableDocuments({ documents: [], restricted: "no" }, "wabcdefghij")?.restricted).toBe(true);
  });

  it("drops other workspaces' names, the index, malformed entries; `writable` must be exactly true", () => {
    const data = { documents: [{ id: "wother00000/d0123456789", writable: true }, { id: "wabcdefghij/index" }, null, 7, { id: 42 }, { id: "wabcdefghij/d0123456789", writable: "yes" }] };
    expect(parseReadableDocuments(data, "wabcdefghij")?.documents).toEqual([{ docId: "d0123456789", writable: false }]);
  });

  it("reads a split list's parts and where new documents go; a malformed layout is no layout", () => {
    const parse = (index: unknown) => parseReadableDocuments({ documents: [], index }, "wabcdefghij")?.index;
    expect(parse({ parts: ["class", "g_AbC-_123"], createIn: "g_AbC-_123" })).toEqual({ parts: ["class", "g_AbC-_123"], createIn: "g_AbC-_123" });
    expect(parse(undefined)).toBeNull();
    expect(parse({ parts: ["class", "../x"], createIn: "class" })).toBeNull();
    expect(parse({ parts: ["class"], createIn: "g_AbC-_123" })).toBeNull();
    expect(parse({ parts: [], createIn: "class" })).toBeNull();
    expect(parse({ parts: Array.from({ length: 202 }, () => "class"), createIn: "class" })).toBeNull();
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
