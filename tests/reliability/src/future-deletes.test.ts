/**
 * Finding F2 (FINDINGS.md): an update whose delete set covers clocks another client has not
 * written yet is accepted and broadcast. Yjs keeps such ranges pending and applies them to
 * that client's future items as they arrive, so everything the victim types afterwards is
 * deleted on every other replica (and in the stored doc), while the victim still sees it.
 */
import { deleteRangeUpdate, updateFrame, useRelay, waitFor, WireClient } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { sleep } from "./scenarios/convergence.ts";

const relay = useRelay();

/** An update with no structs and one delete range: `client` clocks [from, from+length). */
function futureDeleteFrame(client: number, from: number, length: number): Uint8Array {
  return updateFrame(deleteRangeUpdate(client, from, length));
}

describe("deletes of clocks nobody has written (F2)", () => {
  it("text typed after a hostile future-delete still reaches the other clients", async () => {
    const docName = "regress-f2/doc";
    const token = relay.token({ doc: docName, role: "editor" });
    const [victim, peer, hostile] = [0, 1, 2].map(() => new WireClient({ syncUrl: relay.syncUrl, docName, token })) as [
      WireClient,
      WireClient,
      WireClient,
    ];
    try {
      for (const c of [victim, peer, hostile]) await c.connect();
      for (const c of [victim, peer, hostile]) await c.waitSynced();
      const typedBefore = victim.doc.get("root", Y.XmlText);
      typedBefore.insert(0, "before ");
      await waitFor(() => peer.doc.get("root", Y.XmlText).toString() === "before ", 10_000, "peer sees first text");
      const next = Y.decodeStateVector(Y.encodeStateVector(victim.doc)).get(victim.doc.clientID) ?? 0;
      hostile.sendRaw(futureDeleteFrame(victim.doc.clientID, next, 2 ** 40));
      await sleep(300);
      typedBefore.insert(typedBefore.length, "after");
      await sleep(500);
      expect(victim.doc.get("root", Y.XmlText).toString()).toBe("before after");
      expect(peer.doc.get("root", Y.XmlText).toString()).toBe("before after");
      // The relay refuses the future-delete itself (fix of F2), with a reason — after holding
      // it for HELD_UPDATE_GRACE_MS in case the insert was merely overtaken.
      await waitFor(() => hostile.closes.length > 0, 30_000, "future-delete refused");
      expect(hostile.closes[0]?.code).toBe(4400);
      expect(hostile.closes[0]?.reason.length).toBeGreaterThan(0);
    } finally {
      for (const c of [victim, peer, hostile]) c.destroy();
    }
  });
});
