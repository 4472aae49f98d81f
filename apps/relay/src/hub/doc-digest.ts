/**
 * @module doc-digest
 * A document's sync digest: a hash of its state vector and of its delete set, both in a
 * canonical order. Two copies with equal digests hold the same structs and the same
 * deletions, so replication skips them without sending anything. The state vector alone is
 * not enough: a deletion adds no struct, so it leaves the state vector unchanged.
 */
import { createHash } from "node:crypto";
import { normalizeRanges } from "@quire/storage";
import * as Y from "yjs";
import { deleteRangesOf } from "../syncfile/export-authors.ts";

/** What one side compares of a document: its digest and its state vector. */
export interface DocState {
  digest: string;
  /** The state vector (Yjs encoding). */
  sv: Uint8Array;
}

/** The digest (SHA-256, hex) of a document's whole state given as one update. */
export function digestOf(state: Uint8Array): string {
  const hash = createHash("sha256");
  const sv = [...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state))].sort((a, b) => a[0] - b[0]);
  for (const [client, clock] of sv) hash.update(`${client}:${clock};`);
  hash.update("|");
  for (const r of normalizeRanges(deleteRangesOf(state))) hash.update(`${r.client}:${r.clock}:${r.len};`);
  return hash.digest("hex");
}
