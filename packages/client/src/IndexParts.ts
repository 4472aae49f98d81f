/**
 * @module IndexParts
 * The index docs a session keeps open in a class whose relay split its document list by
 * audience (issue 13; @quire/core indexPartDocName): the class part and her groups' parts, as
 * the relay last named them (DocumentAccess.indexLayout), read as one list by WorkspaceIndex.
 * Loaded lazily by WorkspaceSession (not in the first load) once a layout is known.
 *
 * Invariants:
 * - Never back from split to one index: the relay never unsplits a class.
 * - A part she no longer reads (moved to another group) is closed and its device copy deleted:
 *   the relay refuses it to her anyway, and the copy holds that group's titles. A student's
 *   copy of the old single index goes too (it holds every group's titles). A teacher's old
 *   index stays open, unlisted: she may still write it, and what her device added there before
 *   it heard of the split reaches the relay, which copies new entries into their parts.
 * - The primary replica (the connection the app shows) is the class part once split.
 */
import { CLASS_INDEX_PART, indexPartDocName, parseIndexPartDocName } from "@quire/core";
import type { DocReplica } from "./DocReplica.ts";
import { forgetDeviceCopy } from "./forget-device-copy.ts";
import { type IndexLayout, sameLayout } from "./index-layout.ts";
import type { WorkspaceIndex } from "./WorkspaceIndex.ts";

export interface IndexPartsOptions {
  workspaceId: string;
  /** The index replica the session opened first (`<ws>/index` or the class part). */
  first: DocReplica;
  /** Opens (and starts) a replica of an index doc. */
  open(docName: string): DocReplica;
  /** The IndexedDB name of this device's copy of `docName`. */
  deviceCopy(docName: string): string;
  indexedDB?: IDBFactory;
}

export class IndexParts {
  /** The old single index, while it is open. */
  private legacy: DocReplica | null = null;
  private readonly parts = new Map<string, DocReplica>();
  private layout: IndexLayout | null = null;
  private last: DocReplica;

  constructor(private readonly options: IndexPartsOptions) {
    const part = parseIndexPartDocName(options.first.docName)?.part;
    if (part === undefined) this.legacy = options.first;
    else this.parts.set(part, options.first);
    this.last = options.first;
  }

  /** The replica whose connection is the workspace's. */
  get primary(): DocReplica {
    // After release (the session is gone), the last one: late events of a closing replica read it.
    this.last = this.parts.get(CLASS_INDEX_PART) ?? this.legacy ?? this.parts.values().next().value ?? this.last;
    return this.last;
  }

  /** Every open index replica. */
  handles(): DocReplica[] {
    return [...(this.legacy ? [this.legacy] : []), ...this.parts.values()];
  }

  /**
   * Follows the relay's layout: opens new parts, closes (and forgets) the ones she no longer
   * reads and a student's old single index, and points `index` at the parts. Returns true
   * when the primary replica changed.
   */
  apply(layout: IndexLayout, index: WorkspaceIndex, options: { teacher: boolean }): boolean {
    if (this.layout !== null && sameLayout(this.layout, layout)) return false;
    const before = this.primary;
    for (const part of layout.parts) {
      if (!this.parts.has(part)) this.parts.set(part, this.options.open(indexPartDocName(this.options.workspaceId, part)));
    }
    for (const [part, handle] of [...this.parts]) {
      if (layout.parts.includes(part)) continue;
      this.parts.delete(part);
      void this.forget(handle);
    }
    if (this.legacy && !options.teacher) {
      void this.forget(this.legacy);
      this.legacy = null;
    }
    this.layout = layout;
    const docs = layout.parts.map((p) => this.parts.get(p)?.doc).filter((d) => d !== undefined);
    index.setParts(docs, this.parts.get(layout.createIn)?.doc ?? this.primary.doc);
    return this.primary !== before;
  }

  release(): void {
    for (const handle of this.handles()) handle.release();
    this.parts.clear();
    this.legacy = null;
  }

  private async forget(handle: DocReplica): Promise<void> {
    await handle.close();
    await forgetDeviceCopy(this.options.indexedDB ?? globalThis.indexedDB, this.options.deviceCopy(handle.docName));
  }
}
