/**
 * Frames the wire fuzzer found (seed 31337 of wire-fuzz), kept as regression tests: each is
 * a sync update that decodes (Y.decodeUpdate accepts it) but throws inside Y.applyUpdate.
 * The sender must be closed with 4400 and a reason; every other client on the doc must stay
 * connected and keep syncing. See FINDINGS.md F1.
 */
import { CloseCode } from "@quire/core";
import { useRelay, waitFor, WireClient } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { sleep } from "./scenarios/convergence.ts";

/** Hex of whole websocket payloads (type 0 sync, sub-type 2 update, update bytes). */
export const FOUND_FRAMES: readonly { label: string; hex: string; error: string }[] = [
  {
    label: "fuzz 31337 #1520: overwritten byte in a text update",
    error: "Unexpected case",
    hex: "0002330104c3faa7db0e00040104726f6f74017384c3faa7db0e00023020c4c3faa7db0e00c3faa7db0e010373312000010174017800",
  },
  {
    label: "fuzz 31337 #2109: bit flip in a text update",
    error: "Cannot read properties of undefined (reading 'id')",
    hex: "0002330104c3faa7db0e00040104726f6f74017384c3faa7db0e10023020c4c3faa7db0e00c3faa7db0e010373312004010174017800",
  },
];

const relay = useRelay();

describe("fuzzer-found frames (F1)", () => {
  it.each(FOUND_FRAMES.map((f, i) => [i, f.label] as const))(
    "frame %i (%s): sender closed 4400, other clients stay connected",
    async (index) => {
      const frame = FOUND_FRAMES[index] as (typeof FOUND_FRAMES)[number];
      const docName = `regress-f1/d${index}`;
      const token = relay.token({ doc: docName, role: "editor" });
      const honest = [0, 1].map(() => new WireClient({ syncUrl: relay.syncUrl, docName, token }));
      const hostile = new WireClient({ syncUrl: relay.syncUrl, docName, token });
      try {
        for (const c of [...honest, hostile]) await c.connect();
        for (const c of [...honest, hostile]) await c.waitSynced();
        (honest[0] as WireClient).doc.get("root", Y.XmlText).insert(0, "before ");
        hostile.sendRaw(Buffer.from(frame.hex, "hex"));
        await waitFor(() => hostile.closes.length > 0, 10_000, "hostile socket closed");
        expect(hostile.closes[0]?.code).toBe(CloseCode.BadMessage);
        expect(hostile.closes[0]?.reason.length).toBeGreaterThan(0);
        await sleep(200);
        for (const c of honest) expect(c.closes, "an honest client was disconnected").toEqual([]);
        (honest[0] as WireClient).doc.get("root", Y.XmlText).insert(0, "after ");
        await waitFor(
          () => (honest[1] as WireClient).doc.get("root", Y.XmlText).toString() === "after before ",
          10_000,
          "honest clients keep syncing",
        );
      } finally {
        for (const c of [...honest, hostile]) c.destroy();
      }
    },
  );
});

describe("wire-fuzz soak seed 900000: malformed sync step 1 in the same turn as an update", () => {
  it("the sender is closed with 4400; the relay stays up and others keep syncing", async () => {
    const docName = "regress-soak/step1";
    const token = relay.token({ doc: docName, role: "editor" });
    const honest = new WireClient({ syncUrl: relay.syncUrl, docName, token });
    const hostile = new WireClient({ syncUrl: relay.syncUrl, docName, token });
    try {
      for (const c of [honest, hostile]) await c.connect();
      for (const c of [honest, hostile]) await c.waitSynced();
      const local = new Y.Doc();
      local.getText("t").insert(0, "staged");
      const update = Y.encodeStateAsUpdate(local);
      // Both frames in one write: the update is staged for the turn's group commit, so the
      // step 1 reply is deferred to the commit — where a bad state vector once threw
      // outside any handler and ended the relay process.
      hostile.sendRaw(Buffer.concat([Buffer.from([0, 2, update.length]), update]));
      hostile.sendRaw(Buffer.from([0, 0, 3, 5, 0x80, 0x80]));
      await waitFor(() => hostile.closes.length > 0, 10_000, "hostile socket closed");
      expect(hostile.closes[0]?.code).toBe(CloseCode.BadMessage);
      expect((await relay.healthz()).status).toBe("ok");
      honest.doc.get("root", Y.XmlText).insert(0, "still syncing");
      const reader = new WireClient({ syncUrl: relay.syncUrl, docName, token });
      try {
        await reader.connect();
        await waitFor(() => reader.doc.get("root", Y.XmlText).toString() === "still syncing", 10_000, "a new client syncs");
      } finally {
        reader.destroy();
      }
    } finally {
      for (const c of [honest, hostile]) c.destroy();
    }
  });
});
