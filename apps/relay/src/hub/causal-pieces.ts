/**
 * @module causal-pieces
 * What a receiver lacks of a document, cut into pieces that each apply on their own, in order
 * (issue 14, item 5: "a whole doc in one request"). Over a bad uplink one request must cross
 * within the upstream's HTTP_REQUEST_TIMEOUT_MS; a document whose missing part is larger than
 * the link moves in that time never got through whole (hub-faulty-uplink.test.ts measured
 * ~2 KB/s at 30 % loss: about 60 KB in 30 s). In pieces, each one that arrives is kept, and a
 * cut resumes after the last one (the receiver's state vector says where).
 *
 * How: the structs the receiver lacks are ordered so that every struct comes after what it
 * depends on (the same client's earlier structs, its left and right origins, its parent), and
 * cut where about `maxBytes` of content accumulated. Each cut is a state vector closed under
 * those dependencies, so piece k — the document as of cut k (Y.createDocFromSnapshot) minus
 * what cut k-1 holds — integrates at once on a receiver that has the pieces before it: nothing
 * waits as pending structs. Deletions travel with the last piece (the whole delete set), so
 * text deleted meanwhile shows on the receiver until it arrives.
 *
 * Invariants: the pieces together carry exactly what one cut of the whole would (test:
 * causal-pieces.test.ts applies them in order, checking that nothing is pending after each
 * and that the result equals the whole). A struct is never split: one larger than `maxBytes`
 * is a piece of its own. Anything unexpected (pending structs in the state) gives one piece.
 */
import * as Y from "yjs";

export interface Piece {
  /** The document's state as of this piece's cut (the whole state for the last piece). */
  state: Uint8Array;
  /** What the receiver holds before this piece (null: nothing); the piece is `state` minus it. */
  since: Uint8Array | null;
}

type Struct = Y.Item | Y.GC;

/** Rough bytes of one struct in an update: its content length plus its header. */
function sizeOf(struct: Struct): number {
  return struct.length + 16;
}

/** The ids `item` needs integrated before itself (besides its own client's earlier structs). */
function dependencies(struct: Struct): Y.ID[] {
  if (!(struct instanceof Y.Item)) return [];
  const out: Y.ID[] = [];
  if (struct.origin) out.push(struct.origin);
  if (struct.rightOrigin) out.push(struct.rightOrigin);
  const parent = struct.parent;
  if (parent instanceof Y.AbstractType && parent._item) out.push(parent._item.id);
  return out;
}

/**
 * Cuts what a receiver with state vector `since` lacks of `state` into pieces of about
 * `maxBytes`; with `maxPieces`, what is left after that many goes whole in the last one (an
 * upstream answering one pull needs only the first piece and the rest).
 */
export function causalPieces(state: Uint8Array, since: Uint8Array | null, maxBytes: number, maxPieces = Number.POSITIVE_INFINITY): Piece[] {
  const whole: Piece[] = [{ state, since }];
  const missing = since ? Y.diffUpdate(state, since) : state;
  if (maxBytes <= 0 || missing.length <= maxBytes) return whole;
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, state);
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return whole;
  const clients = doc.store.clients as Map<number, Struct[]>;
  const placed = new Map<number, number>(since ? Y.decodeStateVector(since) : []);
  const upTo = (client: number) => placed.get(client) ?? 0;
  const cuts: Map<number, number>[] = [];
  let bytes = 0;
  // Bound on steps: every struct is placed once and pushes at most 3 dependencies.
  let budget = 8 * [...clients.values()].reduce((n, structs) => n + structs.length, 0) + 16;
  const stack: [number, number][] = [];
  for (const [client, structs] of clients) {
    const last = structs[structs.length - 1];
    if (last) stack.push([client, last.id.clock + last.length - 1]);
  }
  while (stack.length > 0) {
    if (--budget < 0) return whole; // A dependency cycle cannot happen in a valid doc; never loop.
    const [client, clock] = stack[stack.length - 1] as [number, number];
    if (upTo(client) > clock) {
      stack.pop();
      continue;
    }
    const structs = clients.get(client);
    if (!structs) return whole;
    const struct = structs[Y.findIndexSS(structs, upTo(client))] as Struct;
    const unmet = dependencies(struct).filter((id) => upTo(id.client) <= id.clock);
    if (unmet.length > 0) {
      for (const id of unmet) stack.push([id.client, id.clock]);
      continue;
    }
    placed.set(client, struct.id.clock + struct.length);
    bytes += sizeOf(struct);
    if (bytes >= maxBytes) {
      cuts.push(new Map(placed));
      bytes = 0;
    }
  }
  // A cut at the very end is the whole state: that is the final piece, with every deletion.
  const last = cuts[cuts.length - 1];
  if (last && sameVector(last, Y.decodeStateVector(Y.encodeStateVector(doc)))) cuts.pop();
  cuts.splice(Math.max(0, maxPieces - 1));
  if (cuts.length === 0) return whole;
  const pieces: Piece[] = [];
  let before = since;
  for (const cut of cuts) {
    const prefix = Y.createDocFromSnapshot(doc, Y.createSnapshot(Y.createDeleteSet(), cut));
    pieces.push({ state: Y.encodeStateAsUpdate(prefix), since: before });
    before = Y.encodeStateVector(cut);
  }
  pieces.push({ state, since: before });
  return pieces;
}

function sameVector(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): boolean {
  for (const [client, clock] of b) if ((a.get(client) ?? 0) !== clock) return false;
  for (const [client, clock] of a) if ((b.get(client) ?? 0) !== clock) return false;
  return true;
}
