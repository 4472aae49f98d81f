/**
 * Security review S1 for commenters (issue 15): a commenter's updates are applied when they
 * write only under `comments`, so a quadratic-to-integrate pair of updates there (N concurrent
 * inserts at one position, as in expensive-integration.test.ts) must be trialled against the
 * live state like an editor's and refused with 4413 — before, a commenter's large update was
 * checked against an empty doc only and integrated on the main thread.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { COMMENTS_ROOT } from "@quire/comments";
import { CloseCode } from "@quire/core";
import { openRaw, updateFrame, useRelay } from "@quire/testkit";
import { createClass } from "./class-fixture.ts";

const relay = useRelay({ env: { CPU_BUDGET_MS: "600000" } });
const N = 8_000;

/** N inserts at position 0 of the comments root, each its own struct. */
function prependChain(client: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  const list = doc.getArray<string>(COMMENTS_ROOT);
  for (let i = 0; i < N; i++) list.insert(0, ["x"]);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

describe("S1: a commenter's expensive update", () => {
  it("is trialled against the live state and refused (4413)", async () => {
    const klass = await createClass(relay);
    const token = await klass.signIn((await klass.member("Partner school", "commenter")).code);
    const hostile = openRaw(relay.syncUrl, klass.doc("essay"), token);
    await hostile.opened;
    hostile.send(updateFrame(prependChain(1)));
    hostile.send(updateFrame(prependChain(2)));
    const closed = await Promise.race([hostile.closed, new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
    hostile.ws.terminate();
    expect(closed?.code).toBe(CloseCode.UpdateTooExpensive);
  });
});
