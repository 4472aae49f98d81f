import { RelayProcess, useRelay } from "@quire/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiClient, errorFor } from "./ApiClient.ts";
import { ApiError } from "./ApiError.ts";

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error("expected the call to fail");
}

describe("ApiClient against a real relay", () => {
  let api: ApiClient;
  const relay = useRelay();
  beforeAll(async () => {
    api = new ApiClient(relay.httpUrl);
  });

  it("creates a workspace, joins it with either code, and refreshes a token", async () => {
    const owner = await api.createWorkspace("  Biology 7B ", "Ana");
    expect(owner).toMatchObject({ workspace: { name: "Biology 7B" }, user: { name: "Ana" }, role: "editor", owner: true });
    expect(owner.workspace.id).toMatch(/^w[a-z0-9]{10}$/);
    const codes = owner.joinCodes;
    if (!codes) throw new Error("owner got no join codes");
    const editor = await api.join(codes.editor.toLowerCase(), "Ben");
    expect(editor).toMatchObject({ workspace: owner.workspace, role: "editor", owner: false });
    expect(editor.joinCodes).toBeUndefined();
    const viewer = await api.join(codes.viewer.replace("-", ""), "Cleo");
    expect(viewer.role).toBe("viewer");
    const refreshed = await api.refresh(viewer);
    expect(refreshed).toMatchObject({ workspace: viewer.workspace, user: viewer.user, role: "viewer" });
    expect(refreshed.expiresAt).toBeGreaterThanOrEqual(viewer.expiresAt);
    const read = await api.workspace(owner);
    expect(read.joinCodes).toEqual(codes);
  });

  it("maps the relay's refusals to messages a student can act on", async () => {
    const unknown = await rejection(api.join("ZZZZ-ZZZZ", "Ben"));
    expect(unknown).toMatchObject({ status: 404, code: "unknown_code" });
    expect(unknown.message).toMatch(/doesn't match any workspace/);
    const forged = await rejection(
      api.refresh({ workspace: { id: "wabcdefghij", name: "x" }, user: { id: "u", name: "x" }, role: "editor", owner: false, token: "forged", expiresAt: 0 }),
    );
    expect(forged).toMatchObject({ status: 401 });
    expect(forged.message).toMatch(/expired/);
  });

  it("validates input before sending it", async () => {
    expect(await rejection(api.createWorkspace("   ", "Ana"))).toMatchObject({ status: 400, code: "invalid_name" });
    expect(await rejection(api.createWorkspace("x".repeat(81), "Ana"))).toMatchObject({ code: "invalid_name" });
    expect((await rejection(api.join("ABC", "Ana"))).message).toMatch(/8 letters or digits/);
  });

  it("says 'Can't reach the relay' when the network works and the relay does not answer", async () => {
    const stopped = await RelayProcess.start();
    const url = stopped.httpUrl;
    await stopped.stop({ removeData: true });
    const error = await rejection(new ApiClient(url).createWorkspace("Class", "Ana"));
    expect(error).toMatchObject({ status: 0, code: "offline", isNetwork: true });
    expect(error.message).toMatch(/^Can't reach the relay/);
  });
});

describe("errorFor", () => {
  it.each([
    [413, /too long/],
    [429, /Wait a minute/],
    [500, /had a problem/],
    [503, /had a problem/],
    [403, /don't have access/],
  ])("maps %i", (status, message) => {
    const error = errorFor(status, { error: { code: "x", message: "raw server text" } });
    expect(error.message).toMatch(message);
    expect(error.code).toBe("x");
  });

  it("says 'id taken' only for a workspace id clash; other 409s say what the relay said", () => {
    expect(errorFor(409, { error: { code: "workspace_exists", message: "a workspace with this id already exists" } }).message).toMatch(/already taken/);
    const lastTeacher = errorFor(409, { error: { code: "last_teacher", message: "a class needs at least one teacher" } });
    expect(lastTeacher).toMatchObject({ code: "last_teacher", message: "a class needs at least one teacher" });
  });

  it("does not pass through oversized or malformed server text", () => {
    expect(errorFor(400, { error: { code: "<b>", message: "y".repeat(500) } })).toMatchObject({
      code: "http_400",
      message: "Something in the form isn't right. Check it and try again.",
    });
    expect(errorFor(418, "teapot").message).toMatch(/418/);
  });
});
