/**
 * @module IndexParts
 * The index docs a workspace session keeps open (issue 13). A workspace has one,
 * `<workspaceId>/index`, until its relay splits a class's list by audience; then she reads the
 * parts the relay named (DocumentAccess.indexLayout: the class part and her groups'), and the
 * WorkspaceIndex reads them as one list.
 *
 * Invariants:
 * - Never back from split to one index: the relay never unsplits a class.
 * - A part she no longer reads (moved to another group) is closed and its device copy deleted:
 *   the relay refuses her its updates anyway, and the copy holds that group's titles. The old
 *   single index's device copy is deleted too, except on a teacher's device (it holds every
 *   group's titles, which only teachers may read).
 * - The primary replica (the connection the app shows) is the class part once split.
 */
import { CLASS_INDEX_PART, indexPartDocName, workspaceIndexDocName } from "@quire/core";
import type { DocReplica } from "./DocReplica.ts";
import { type IndexLayout, sameLayout } from "./readable-documents.ts";
import type { WorkspaceIndex } from "./WorkspaceIndex.ts";

/** How long a teacher's old single index stays open after a split to send what it holds. */
const LEGACY_FLUSH_MS = 30_000;

export interface IndexPartsOptions {
  workspaceId: string;
  /** Opens (and starts) a replica of an index doc. */
  open(docName: string): DocReplica;
  /** Deletes this device's copy of `docName` (its replica is closed). */
  forget(docName: string): Promise<void>;
}

export class IndexParts {
  private legacy: DocReplica | null = null;
  private readonly parts = new Map<string, DocReplica>();
  private layout: IndexLayout | null = null;
  private last: DocReplica | null = null;
  /** A teacher's old single index, open until the relay has what it holds. */
  private readonly draining = new Set<DocReplica>();
  /** The WorkspaceIndex reads the parts of `layout`. */
  private applied = false;

  constructor(private readonly options: IndexPartsOptions) {}

  /** Opens the index docs of `layout` (null: the one index); call {@link apply} once the WorkspaceIndex exists. */
  start(layout: IndexLayout | null): DocReplica {
    if (layout === null) this.legacy = this.options.open(workspaceIndexDocName(this.options.workspaceId));
    else this.openParts(layout);
    this.layout = layout;
    return this.primary;
  }

  /** The replica whose connection is the workspace's. */
  get primary(): DocReplica {
    // After release (the session is gone), the last one: late events of a closing replica read it.
    const primary = this.parts.get(CLASS_INDEX_PART) ?? this.legacy ?? this.parts.values().next().value ?? this.last;
    if (!primary) throw new Error("index parts not started");
    this.last = primary;
    return primary;
  }

  /** Every open index replica. */
  handles(): DocReplica[] {
    return [...(this.legacy ? [this.legacy] : []), ...this.parts.values()];
  }

  /** Doc names of the open index docs (what a sync file carries as the list). */
  names(): string[] {
    return this.handles().map((h) => h.docName);
  }

  /**
   * Follows the relay's layout: opens new parts, closes (and forgets) parts she no longer
   * reads and the old single index, and points `index` at the parts. Returns true when the
   * primary replica changed.
   */
  apply(layout: IndexLayout | null, index: WorkspaceIndex, options: { teacher: boolean }): boolean {
    const before = this.primary;
    if (layout === null) return false; // Not split (or not known yet): nothing changes.
    if (this.applied && this.layout !== null && sameLayout(this.layout, layout)) return false;
    this.openParts(layout);
    for (const [part, handle] of [...this.parts]) {
      if (layout.parts.includes(part)) continue;
      this.parts.delete(part);
      void this.close(handle, true);
    }
    if (this.legacy) {
      // A teacher may still write it: what she added before she heard of the split goes to the
      // relay first (it copies new entries into their parts). A student's is refused anyway.
      const legacy = this.legacy;
      if (options.teacher) {
        this.draining.add(legacy);
        void whenSynced(legacy, LEGACY_FLUSH_MS).then(() => {
          this.draining.delete(legacy);
          return this.close(legacy, false);
        });
      }
      else void this.close(legacy, true);
      this.legacy = null;
    }
    this.layout = layout;
    const docs = layout.parts.map((p) => this.parts.get(p)?.doc).filter((d) => d !== undefined);
    const target = this.parts.get(layout.createIn)?.doc ?? this.primary.doc;
    index.setParts(docs, target);
    this.applied = true;
    return this.primary !== before;
  }

  release(): void {
    for (const handle of [...this.handles(), ...this.draining]) handle.release();
    this.draining.clear();
    this.parts.clear();
    this.legacy = null;
  }

  private openParts(layout: IndexLayout): void {
    for (const part of layout.parts) {
      if (!this.parts.has(part)) this.parts.set(part, this.options.open(indexPartDocName(this.options.workspaceId, part)));
    }
  }

  private async close(handle: DocReplica, forget: boolean): Promise<void> {
    await handle.close();
    if (forget) await this.options.forget(handle.docName);
  }
}

/** Resolves when the relay confirmed everything `replica` holds, or after `ms`. */
function whenSynced(replica: DocReplica, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const unsubscribe = replica.subscribe(() => {
      if (replica.fullySynced() || replica.isReleased) done();
    });
    if (replica.fullySynced()) done();
  });
}
