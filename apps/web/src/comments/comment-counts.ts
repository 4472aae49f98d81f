/**
 * @module comment-counts
 * Open comments per document for the sidebar (issue 15), read from this device's copies in
 * IndexedDB — offline too, and without opening the documents. A copy is read again only when
 * its fingerprint (row count and last key: two cheap reads, as the search worker does)
 * changed since the last look; an unreadable copy keeps its last count (or none).
 */
import { summarizeThreads } from "@quire/comments";
import { deviceCopyFingerprint, readDeviceCopyDoc } from "@quire/client";

export interface CopyToCount {
  id: string;
  /** The IndexedDB name of this member's device copy (deviceCopyName). */
  copy: string;
}

export class CommentCounts {
  private readonly seen = new Map<string, { fingerprint: string; open: number }>();

  /** Open comment counts of `docs` now (documents without a copy on this device are left out). */
  async count(docs: readonly CopyToCount[], factory: IDBFactory = indexedDB): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const doc of docs) {
      try {
        const fingerprint = await deviceCopyFingerprint(doc.copy, factory);
        if (fingerprint === null) continue;
        let known = this.seen.get(doc.copy);
        if (known?.fingerprint !== fingerprint) {
          const copy = await readDeviceCopyDoc(doc.copy, factory);
          if (!copy) continue;
          known = { fingerprint: copy.fingerprint, open: summarizeThreads(copy.doc).open };
          copy.doc.destroy();
          this.seen.set(doc.copy, known);
        }
        out.set(doc.id, known.open);
      } catch (error) {
        const last = this.seen.get(doc.copy);
        if (last) out.set(doc.id, last.open);
        console.warn("[quire] could not count a document's comments", doc.id, error);
      }
    }
    return out;
  }
}
