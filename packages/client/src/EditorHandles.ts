/**
 * @module EditorHandles
 * The replicas a {@link WorkspaceSession}'s editors hold open, per document id (a document may
 * be open twice: two panes, or a handle still closing while the next one opens). Background sync
 * skips a document while any is open: the editor's own connection keeps it synced.
 */
import type { DocReplica } from "./DocReplica.ts";

export class EditorHandles {
  private readonly byDoc = new Map<string, Set<DocReplica>>();

  add(docId: string, handle: DocReplica): void {
    const set = this.byDoc.get(docId) ?? new Set<DocReplica>();
    set.add(handle);
    this.byDoc.set(docId, set);
  }

  /** The handle closed. */
  remove(docId: string, handle: DocReplica): void {
    const set = this.byDoc.get(docId);
    set?.delete(handle);
    if (set?.size === 0) this.byDoc.delete(docId);
  }

  /** Whether an editor has `docId` open. */
  has(docId: string): boolean {
    return this.byDoc.has(docId);
  }

  /** An open handle of `docId` whose device copy is applied, if any. */
  loaded(docId: string): DocReplica | null {
    for (const handle of this.byDoc.get(docId) ?? []) {
      if (handle.saveState().device !== "loading") return handle;
    }
    return null;
  }

  *all(): Iterable<DocReplica> {
    for (const set of this.byDoc.values()) yield* set;
  }
}
