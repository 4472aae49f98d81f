/**
 * @module expensive-shapes
 * Seeded generators of valid Yjs updates whose integration is super-linear in Yjs (security
 * review S1): each shape is a list of updates sent in order on one socket. The cost is in
 * Item.integrate's conflict scan (concurrent items at one position) and in formatting
 * cleanup, so most shapes are cheap alone and expensive only against what came before.
 */
import * as prng from "lib0/prng";
import type { PRNG } from "lib0/prng";
import * as Y from "yjs";

export interface ExpensiveShape {
  kind: "concurrent-inserts" | "formatting-chain" | "interleaved-deletes" | "accumulation";
  label: string;
  updates: Uint8Array[];
}

function docWith(client: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = client;
  return doc;
}

function stateOf(doc: Y.Doc): Uint8Array {
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** `n` one-character inserts at position 0: n structs that cannot merge, all with origin null. */
export function prependChain(client: number, n: number): Uint8Array {
  const doc = docWith(client);
  const text = doc.getText("t");
  for (let i = 0; i < n; i++) text.insert(0, "x");
  return stateOf(doc);
}

/** Several chains of concurrent inserts at position 0, lowest client id first (the slow order). */
function concurrentInserts(rng: PRNG, base: number): ExpensiveShape {
  const chains = prng.int32(rng, 2, 4);
  const n = prng.int32(rng, 500, 9_000);
  const updates = Array.from({ length: chains }, (_, i) => prependChain(base + i, n));
  return { kind: "concurrent-inserts", label: `${chains} chains of ${n} inserts at position 0`, updates };
}

/** Long chains of formatting marks, from two clients at once, over few or many characters. */
function formattingChain(rng: PRNG, base: number): ExpensiveShape {
  const chars = prng.int32(rng, 20, 2_000);
  const marks = prng.int32(rng, 200, 2_500);
  const seedDoc = docWith(base);
  seedDoc.getText("t").insert(0, "w".repeat(chars));
  const seed = stateOf(seedDoc);
  const updates = [seed];
  for (let c = 1; c <= 2; c++) {
    const doc = docWith(base + c);
    Y.applyUpdate(doc, seed);
    const text = doc.getText("t");
    for (let i = 0; i < marks; i++) {
      const at = prng.int32(rng, 0, chars - 1);
      text.format(at, prng.int32(rng, 1, Math.min(8, chars - at)), { [`k${c}-${i % 97}`]: i });
    }
    updates.push(Y.encodeStateAsUpdate(doc, Y.encodeStateVectorFromUpdate(seed)));
    doc.destroy();
  }
  return { kind: "formatting-chain", label: `2 x ${marks} marks over ${chars} characters`, updates };
}

/** A prepend chain, then deletes of every other item interleaved with concurrent inserts. */
function interleavedDeletes(rng: PRNG, base: number): ExpensiveShape {
  const n = prng.int32(rng, 500, 6_000);
  const first = prependChain(base, n);
  const editor = docWith(base + 2);
  Y.applyUpdate(editor, first);
  const text = editor.getText("t");
  for (let i = 0; i < text.length; i += 2) {
    text.delete(i, 1);
    text.insert(i, "y");
  }
  const interleaved = Y.encodeStateAsUpdate(editor, Y.encodeStateVectorFromUpdate(first));
  editor.destroy();
  const concurrent = prependChain(base + 1, n);
  return { kind: "interleaved-deletes", label: `${n} inserts, every other deleted and replaced, ${n} concurrent`, updates: [first, concurrent, interleaved] };
}

/**
 * Many concurrent items at one position, then single-character inserts there from ever higher
 * ids. The chain is at most 20,000 items: it is accepted (one client's prepends do not
 * conflict) and integrates on the relay's main thread in time linear in its size, which is
 * the bound for any accepted update (docs/reliability.md), not the super-linear cost
 * this fuzzer is after.
 */
function accumulation(rng: PRNG, base: number): ExpensiveShape {
  const n = prng.int32(rng, 5_000, 20_000);
  const singles = prng.int32(rng, 20, 150);
  const updates = [prependChain(base, n)];
  for (let i = 1; i <= singles; i++) {
    const doc = docWith(base + i);
    doc.getText("t").insert(0, "z");
    updates.push(stateOf(doc));
  }
  return { kind: "accumulation", label: `${n} concurrent items, then ${singles} one-character inserts at 0`, updates };
}

const SHAPES = [concurrentInserts, formattingChain, interleavedDeletes, accumulation];

/** One seeded shape; client ids start at `base` (each shape uses fewer than 200 ids). */
export function expensiveShape(rng: PRNG, base: number): ExpensiveShape {
  const make = SHAPES[prng.int32(rng, 0, SHAPES.length - 1)] as (typeof SHAPES)[number];
  return make(rng, base);
}
