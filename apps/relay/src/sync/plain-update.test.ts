/**
 * The plain-update fast path of checkUpdate skips the scratch-doc trial: it must never accept
 * what the trial refuses. Seeded: honest keystroke updates of several clients, the same mutated
 * byte by byte, and hand-made hostile shapes that decode but make the trial throw.
 * Replay: SEED=<n> pnpm -s exec vitest run apps/relay/src/sync/plain-update.test.ts
 */
import * as encoding from "lib0/encoding";
import * as prng from "lib0/prng";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { isPlainUpdate } from "./plain-update.ts";
import { NO_MARK_LIMITS, checkUpdate } from "./update-check.ts";

const SEED = Number(process.env.SEED ?? 17_2026);

/** Honest updates, one per transaction, of 3 clients typing, deleting and formatting in one doc. */
function honestUpdates(rng: prng.PRNG, count: number): Uint8Array[] {
  const docs = [1, 2, 3].map((id) => {
    const doc = new Y.Doc({ gc: false });
    doc.clientID = id * 1_000 + prng.uint32(rng, 0, 999);
    return doc;
  });
  const out: Uint8Array[] = [];
  for (const doc of docs) {
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === "remote") return;
      out.push(update);
      for (const other of docs) if (other !== doc) Y.applyUpdate(other, update, "remote");
    });
  }
  while (out.length < count) {
    const doc = prng.oneOf(rng, docs);
    const text = doc.getText("body");
    const kind = prng.int32(rng, 0, 9);
    if (kind < 5 || text.length === 0) text.insert(prng.int32(rng, 0, text.length), prng.word(rng, 1, 3));
    else if (kind < 7) text.delete(prng.int32(rng, 0, text.length - 1), 1);
    else if (kind < 8) text.format(0, Math.min(3, text.length), { bold: prng.bool(rng) ? true : null });
    else if (kind < 9) doc.getMap("meta").set(prng.word(rng, 1, 4), { n: prng.int32(rng, 0, 99), tags: [prng.word(rng)] });
    else text.insertEmbed(prng.int32(rng, 0, text.length), { image: prng.word(rng), size: [1, 2] });
  }
  return out;
}

/** A V1 update of one client's one embed struct at `clock`, whose JSON is `json`. */
function embedUpdate(client: number, clock: number, json: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // sections
  encoding.writeVarUint(e, 1); // structs
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  encoding.writeUint8(e, 5 | 128); // ContentEmbed, with an origin
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock - 1);
  encoding.writeVarString(e, json);
  encoding.writeVarUint(e, 0); // no deletes
  return encoding.toUint8Array(e);
}

/** A V1 update with no structs and the given delete ranges of one client. */
function deleteUpdate(client: number, ranges: [number, number][]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, ranges.length);
  for (const [clock, len] of ranges) {
    encoding.writeVarUint(e, clock);
    encoding.writeVarUint(e, len);
  }
  return encoding.toUint8Array(e);
}

/** Hostile updates that decode but that the scratch trial refuses, or that are not plain. */
function hostileUpdates(): { label: string; update: Uint8Array }[] {
  const deep = `${"[".repeat(60_000)}${"]".repeat(60_000)}`;
  const two = Y.mergeUpdates([]);
  return [
    { label: "delete range of length 0", update: deleteUpdate(7, [[4, 0]]) },
    { label: "delete ranges out of order", update: deleteUpdate(7, [[9, 2], [4, 1]]) },
    { label: "embed nested 60,000 deep", update: embedUpdate(9, 3, deep) },
    { label: "embed nested 17 deep", update: embedUpdate(9, 3, `${"[".repeat(17)}${"]".repeat(17)}`) },
    { label: "embed nested 16 deep", update: embedUpdate(9, 3, `${"[".repeat(16)}${"]".repeat(16)}`) },
    { label: "embed at clock 0 with an origin of its own client", update: embedUpdate(9, 0, "{}") },
    { label: "empty update", update: two },
  ];
}

/** Byte-level mutations of `update`: flips, truncation, insertion, duplication. */
function mutate(rng: prng.PRNG, update: Uint8Array): Uint8Array {
  const bytes = Array.from(update);
  const kind = prng.int32(rng, 0, 3);
  const at = prng.int32(rng, 0, Math.max(0, bytes.length - 1));
  if (kind === 0) bytes[at] = prng.uint32(rng, 0, 255);
  else if (kind === 1) bytes.length = at;
  else if (kind === 2) bytes.splice(at, 0, prng.uint32(rng, 0, 255));
  else bytes.splice(at, 0, ...bytes.slice(at, at + prng.int32(rng, 1, 8)));
  return Uint8Array.from(bytes);
}

function compare(update: Uint8Array, label: string): { plain: boolean; ok: boolean } {
  const fast = checkUpdate(update);
  const trial = checkUpdate(update, NO_MARK_LIMITS, () => false, "always");
  // Same verdict and, when accepted, the same figures: the fast path only skips work.
  expect(fast, `${label} (SEED=${SEED})`).toEqual(trial);
  return { plain: fast.ok === true && fast.plain, ok: fast.ok === true };
}

describe("plain-update fast path agrees with the scratch trial", () => {
  it(`on seeded honest and mutated updates (SEED=${SEED})`, () => {
    const rng = prng.create(SEED);
    const honest = honestUpdates(rng, 300);
    let plainHonest = 0;
    for (const [i, update] of honest.entries()) if (compare(update, `honest #${i}`).plain) plainHonest++;
    // Typing is the fast path's case: every update but each client's first one.
    expect(plainHonest).toBeGreaterThan(honest.length * 0.9);
    let plainMutated = 0;
    let refused = 0;
    for (let i = 0; i < 2_500; i++) {
      const update = mutate(rng, prng.oneOf(rng, honest));
      const verdict = compare(update, `mutation #${i}`);
      if (verdict.plain) plainMutated++;
      if (!verdict.ok) refused++;
    }
    // Both branches were exercised: mutations the fast path took, and ones refused.
    expect(plainMutated).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });

  it("on hostile shapes that decode but make the trial throw", () => {
    const verdicts = new Map(hostileUpdates().map(({ label, update }) => [label, compare(update, label)]));
    // The trial refuses these; the fast path must not have called them plain.
    expect(verdicts.get("delete range of length 0")).toEqual({ plain: false, ok: false });
    expect(verdicts.get("embed nested 60,000 deep")).toEqual({ plain: false, ok: false });
    // Bounded nesting stays on the fast path.
    expect(verdicts.get("embed nested 16 deep")).toEqual({ plain: true, ok: true });
  });

  it("calls an update with a client's structs in two sections not plain (Yjs keeps only the last)", () => {
    const doc = new Y.Doc();
    doc.clientID = 5;
    const text = doc.getText("t");
    text.insert(0, "ab");
    const next = (insert: () => void): Uint8Array => {
      const sv = Y.encodeStateVector(doc);
      insert();
      return Y.diffUpdate(Y.encodeStateAsUpdate(doc), sv);
    };
    const c = next(() => text.insert(2, "c"));
    const d = next(() => text.insert(3, "d"));
    // Sections [5: clock 2] and [5: clock 3]: contiguous clocks, two headers. Both updates end
    // in an empty delete set (one 0 byte) and start with a one-byte section count.
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 2);
    for (const update of [c, d]) encoding.writeUint8Array(e, update.subarray(1, update.length - 1));
    encoding.writeVarUint(e, 0);
    const twice = encoding.toUint8Array(e);
    expect(Y.decodeUpdate(twice).structs.map((struct) => struct.id.clock)).toEqual([2, 3]);
    expect(isPlainUpdate(twice, Y.decodeUpdate(twice))).toBe(false);
    expect(isPlainUpdate(d, Y.decodeUpdate(d))).toBe(true);
    compare(twice, "two sections");
  });
});
