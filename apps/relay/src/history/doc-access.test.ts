import { describe, expect, it } from "vitest";
import type { TokenClaims } from "@quire/core";
import { docAccess, type MemberAccess } from "./doc-access.ts";

const claims = (scope: Partial<TokenClaims>): TokenClaims => ({ v: 1, sub: "u1", name: "Ana", iat: 0, exp: 1, jti: "j", role: "editor", ...scope }) as TokenClaims;

describe("docAccess", () => {
  it("editors edit, viewers read, other docs and workspaces get nothing", () => {
    expect(docAccess(claims({ workspace: "w1", role: "editor" }), "w1/d1")).toBe("edit");
    expect(docAccess(claims({ workspace: "w1", role: "viewer" }), "w1/d1")).toBe("read");
    expect(docAccess(claims({ doc: "w1/d1", role: "editor" }), "w1/d1")).toBe("edit");
    expect(docAccess(claims({ doc: "w1/d1", role: "editor" }), "w1/d2")).toBeNull();
    expect(docAccess(claims({ workspace: "w1", role: "editor" }), "w12/d1")).toBeNull();
    expect(docAccess(claims({ role: "editor" }), "w1/d1")).toBeNull();
  });

  it("with classes, the member's own decision wins over the token's role", () => {
    const members = (read: boolean, write: boolean): MemberAccess => ({ mayReadDoc: () => ({ ok: read }), mayWriteDoc: () => ({ ok: write }) });
    const editor = claims({ workspace: "w1", role: "editor" });
    expect(docAccess(editor, "w1/d1", members(true, true))).toBe("edit");
    expect(docAccess(editor, "w1/d1", members(true, false))).toBe("read"); // locked, or demoted
    expect(docAccess(editor, "w1/d1", members(false, false))).toBeNull(); // another group's doc
    expect(docAccess(claims({ workspace: "w2" }), "w1/d1", members(true, true))).toBeNull();
  });
});
