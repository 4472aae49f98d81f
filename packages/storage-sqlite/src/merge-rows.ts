/**
 * @module merge-rows
 * The default merge behind `DocumentStore.compact()` (tests and tools; the relay merges in a
 * worker and calls `replacePrefix`, and injects its own checked merge): the rows applied one
 * by one to a doc with gc off, so deleted content and history stay, encoded as one update.
 */
import * as Y from "yjs";

/** Merges stored rows into one update; throws on a row that does not decode or apply. */
export type MergeRows = (rows: readonly Uint8Array[]) => Uint8Array;

export const mergeRows: MergeRows = (rows) => {
  if (rows.length === 1) return rows[0] as Uint8Array;
  const doc = new Y.Doc({ gc: false });
  try {
    rows.forEach((row, index) => {
      try {
        Y.applyUpdate(doc, row);
      } catch (error) {
        throw new Error(`stored update #${index}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
};
