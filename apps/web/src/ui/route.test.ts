import { describe, expect, it } from "vitest";
import { parseRoute, routePath } from "./route.ts";

describe("parseRoute", () => {
  it("round-trips workspace and document paths", () => {
    for (const route of [
      { kind: "start" } as const,
      { kind: "workspace", workspaceId: "wabc123def4", docId: null } as const,
      { kind: "workspace", workspaceId: "wabc123def4", docId: "d0123456789" } as const,
      { kind: "class", workspaceId: "wabc123def4", page: "dashboard" } as const,
      { kind: "class", workspaceId: "wabc123def4", page: "cards" } as const,
      { kind: "signIn" } as const,
    ]) {
      expect(parseRoute(routePath(route))).toEqual(route);
    }
  });
  it("sends malformed paths to the start screen", () => {
    expect(parseRoute("/w/../../etc")).toEqual({ kind: "start" });
    expect(parseRoute("/w/WABC123DEF4")).toEqual({ kind: "start" });
    expect(parseRoute("/api/join")).toEqual({ kind: "start" });
    expect(parseRoute("/w/WABC123DEF4/class")).toEqual({ kind: "start" });
    expect(parseRoute("/signin/x")).toEqual({ kind: "start" });
    expect(parseRoute("/w/wabc123def4/class/x")).toEqual({ kind: "start" });
    expect(parseRoute("/w/wabc123def4/d0123456789/x")).toEqual({ kind: "start" });
  });
  it("ignores a malformed doc id but keeps the workspace", () => {
    expect(parseRoute("/w/wabc123def4/<script>")).toEqual({ kind: "workspace", workspaceId: "wabc123def4", docId: null });
  });
});
