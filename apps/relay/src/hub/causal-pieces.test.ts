import { planSeeds, replayCommand, seededRandom, withReplay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { causalPieces } from "./causal-pieces.ts";

/** Three writers editing one doc concurrently (inserts, deletes, a nested map), synced now and then. */
function history(seed: number): { base: Uint8Array; state: Uint8Array } {
  const random = seededRandom(seed);
  const peers = [1, 2, 3].map((id) => {
    const doc = new Y.Doc({ gc: false });
    doc.clientID = seed * 10 + id;
    return doc;
  });
  const sync = () => {
    for (const a of peers) for (const b of peers) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  };
  let base: Uint8Array | null = null;
  for (let step = 0; step < 240; step++) {
    const doc = peers[Math.floor(random() * peers.length)] as Y.Doc;
    const text = doc.getText("body");
    const r = random();
    if (r < 0.6 || text.length < 5) text.insert(Math.floor(random() * (text.length + 1)), `w${step} `.repeat(1 + Math.floor(random() * 4)));
    else if (r < 0.8) text.delete(Math.floor(random() * (text.length - 3)), 1 + Math.floor(random() * 3));
    else doc.getMap("meta").set(`k${step % 7}`, new Y.Map([["n", step]]) as never);
    if (random() < 0.1) sync();
    if (step === 100) {
      sync();
      base = Y.encodeStateAsUpdate(peers[0] as Y.Doc);
    }
  }
  sync();
  return { base: base as Uint8Array, state: Y.encodeStateAsUpdate(peers[0] as Y.Doc) };
}

describe("causalPieces", () => {
  const plan = planSeeds(3, 1400);
  for (const seed of plan.seeds) {
    it(`pieces apply in order with nothing pending, and end equal to the whole (seed ${seed})`, () =>
      withReplay(seed, replayCommand("relay", "causal-pieces", seed), async () => {
        const { base, state } = history(seed);
        for (const since of [null, Y.encodeStateVectorFromUpdate(base)]) {
          const pieces = causalPieces(state, since, 500);
          expect(pieces.length).toBeGreaterThan(3);
          const receiver = new Y.Doc({ gc: false });
          if (since) Y.applyUpdate(receiver, base);
          let sent = 0;
          for (const piece of pieces) {
            const update = piece.since ? Y.diffUpdate(piece.state, piece.since) : piece.state;
            sent += update.length;
            Y.applyUpdate(receiver, update);
            expect(receiver.store.pendingStructs, "a piece waited for a later one").toBeNull();
          }
          const whole = new Y.Doc({ gc: false });
          Y.applyUpdate(whole, state);
          expect(receiver.getText("body").toString()).toBe(whole.getText("body").toString());
          expect(receiver.getMap("meta").toJSON()).toEqual(whole.getMap("meta").toJSON());
          expect(Y.encodeStateVector(receiver)).toEqual(Y.encodeStateVector(whole));
          expect(Y.equalSnapshots(Y.snapshot(receiver), Y.snapshot(whole))).toBe(true);
          // Cut into pieces, not sent over and over: within a small factor of the whole.
          expect(sent).toBeLessThan((since ? Y.diffUpdate(state, since) : state).length * 3);
        }
      }));
  }

  it("with maxPieces, leaves the rest whole in the last piece", () => {
    const { state } = history(5);
    const [first, rest, ...more] = causalPieces(state, null, 500, 2);
    expect(more).toEqual([]);
    expect(rest?.state).toBe(state);
    expect(rest?.since).toEqual(Y.encodeStateVectorFromUpdate(first?.state as Uint8Array));
    const receiver = new Y.Doc({ gc: false });
    Y.applyUpdate(receiver, first?.state as Uint8Array);
    expect(receiver.store.pendingStructs).toBeNull();
  });

  it("gives one piece when what is missing fits", () => {
    const { state } = history(7);
    expect(causalPieces(state, null, state.length)).toEqual([{ state, since: null }]);
  });
});
