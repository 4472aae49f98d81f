import { describe, expect, it } from "vitest";
import { docAccess } from "./doc-access.ts";

describe("docAccess", () => {
  it("editors edit, viewers read, other docs and workspaces get nothing", () => {
    expect(docAccess({ workspace: "w1", role: "editor" }, "w1/d1")).toBe("edit");
    expect(docAccess({ workspace: "w1", role: "viewer" }, "w1/d1")).toBe("read");
    expect(docAccess({ doc: "w1/d1", role: "editor" }, "w1/d1")).toBe("edit");
    expect(docAccess({ doc: "w1/d1", role: "editor" }, "w1/d2")).toBeNull();
    expect(docAccess({ workspace: "w1", role: "editor" }, "w12/d1")).toBeNull();
    expect(docAccess({ role: "editor" }, "w1/d1")).toBeNull();
  });
});
