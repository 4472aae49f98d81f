// @vitest-environment jsdom
/**
 * The mention picker's list: the relay's readers of a document (real relay process), kept on
 * the device so it still works offline; a malformed or hostile answer is bounded and checked.
 */
import { useRelay as relayForThisFile } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { loadReaders, parseReaders } from "./doc-readers.ts";

// Renamed: vitest setup, not a React hook (Biome's rules-of-hooks reads any `use…` call).
const relay = relayForThisFile();

async function createWorkspace(): Promise<{ id: string; token: string; userId: string }> {
  const response = await fetch(`${relay.httpUrl}/api/workspaces`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ workspaceName: "Class 9B", userName: "Ms Teacher" }),
  });
  const body = (await response.json()) as { workspace: { id: string }; token: string; user: { id: string } };
  return { id: body.workspace.id, token: body.token, userId: body.user.id };
}

describe("doc readers for mentions", () => {
  it("reads the relay's list, keeps it, and gives the kept copy offline", async () => {
    const ws = await createWorkspace();
    const doc = `${ws.id}/d0000000001`;
    const online = await loadReaders(doc, () => ws.token, relay.httpUrl);
    expect(online).toEqual([{ sub: ws.userId, name: "Ms Teacher" }]);
    // Port 1 refuses connections: as with no network, the device's copy answers.
    expect(await loadReaders(doc, () => ws.token, "http://127.0.0.1:1")).toEqual(online);
    // Another document never fetched: nobody (not a guess).
    expect(await loadReaders(`${ws.id}/d0000000002`, () => ws.token, "http://127.0.0.1:1")).toEqual([]);
    // A token the relay does not take (401, e.g. expired) is no answer about this doc: the kept copy.
    expect(await loadReaders(doc, () => "not-a-token", relay.httpUrl)).toEqual(online);
  });

  it("checks and bounds an answer", () => {
    expect(parseReaders(null)).toBeNull();
    expect(parseReaders({ readers: "x" })).toBeNull();
    const long = "x".repeat(81);
    expect(parseReaders({ readers: [{ id: "u1", name: "Ann" }, { id: 5, name: "B" }, { id: "u3", name: "  " }, { id: "u4", name: long }, null] })).toEqual([{ sub: "u1", name: "Ann" }]);
    expect(parseReaders({ readers: Array.from({ length: 900 }, (_, i) => ({ id: `u${i}`, name: `N${i}` })) })).toHaveLength(500);
  });
});
