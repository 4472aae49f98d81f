import { describe, expect, it } from "vitest";
import { checkDocName, workspaceOf } from "./doc-name.ts";

describe("checkDocName", () => {
  it.each(["report", "w_7f3a/report", "w1/index", "a/b/c/d", "A-1.2_x"])("accepts %s", (name) => {
    expect(checkDocName(name)).toEqual({ ok: true, name });
  });
  it.each([
    ["", "empty"],
    ["../etc/passwd", "segments"],
    ["a/../b", "segments"],
    ["a//b", "segments"],
    ["a/", "segments"],
    ["/a", "segments"],
    ["a%00b", "segments"],
    ["a\u0000b", "segments"],
    ["émoji🙂", "segments"],
    ["x".repeat(10_000), "longer"],
    ["a/b/c/d/e", "more than 4"],
  ])("rejects %j (%s)", (name, reasonPart) => {
    const check = checkDocName(name);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reasonPart);
  });
  it("rejects non-strings", () => {
    expect(checkDocName(42).ok).toBe(false);
    expect(checkDocName(undefined).ok).toBe(false);
  });
});

describe("workspaceOf", () => {
  it("returns the first segment", () => {
    expect(workspaceOf("w1/doc")).toBe("w1");
    expect(workspaceOf("solo")).toBeNull();
  });
});
