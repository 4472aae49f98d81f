/**
 * @module WorkspaceIndex
 * The list of a workspace's documents, kept in the `<workspaceId>/index` Yjs doc as
 * `Y.Map "docs"`: docId → `Y.Map` of fields. Because it is a CRDT, documents created, renamed
 * or trashed offline on several devices merge when they reconnect: creates never collide (random
 * ids), and concurrent edits of one field resolve the same way on every device.
 * Entries come from other clients, so they are validated when read.
 *
 * A class whose relay split its list by audience (issue 13) has several index docs ("parts":
 * the class-wide one and one per group she is in, @quire/core indexPartDocName): this reads
 * them as one list, writes a change to the part that holds the entry, and creates new entries
 * in the part the relay named (her group's, so the document is her group's from the start).
 */
import * as Y from "yjs";
import { t } from "./client-messages.ts";
import { DOC_ID, newDocId } from "./doc-id.ts";

export interface DocEntry {
  id: string;
  title: string;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
  trashedAt: number | null;
}

/** Title shown for a document whose title is empty. */
export const UNTITLED = "Untitled document";
/** Longest title kept; longer ones are cut (a title is a line in a sidebar). */
export const MAX_TITLE_LENGTH = 200;
/**
 * `touch` by the same person within this window is skipped: typing would otherwise write to the
 * index doc (and send it to every member) on every keystroke.
 */
export const TOUCH_INTERVAL_MS = 10_000;

export interface WorkspaceIndexOptions {
  now?: () => number;
  /**
   * Viewers: the relay rejects their writes, so a change made here would show on this device
   * only and stay "pending" forever. Changes throw instead (touch is a no-op).
   */
  readOnly?: boolean;
}

/** Thrown by changes to a read-only (viewer's) index; the message is for the student. */
export class ReadOnlyIndexError extends Error {
  constructor() {
    super(t("index.readOnly"));
    this.name = "ReadOnlyIndexError";
  }
}

export class WorkspaceIndex {
  /** The parts read as one list; new entries go in `target`. */
  private parts: Y.Map<Y.Map<unknown>>[];
  private target: Y.Map<Y.Map<unknown>>;
  private readonly now: () => number;
  readonly readOnly: boolean;
  private readonly listeners = new Set<() => void>();
  private readonly onPartChange = () => {
    // First, so the cache is stale before any subscriber reads it.
    this.dirty = true;
    for (const listener of [...this.listeners]) listener();
  };

  constructor(doc: Y.Doc, options: WorkspaceIndexOptions = {}) {
    this.target = doc.getMap("docs");
    this.parts = [this.target];
    this.target.observeDeep(this.onPartChange);
    this.now = options.now ?? Date.now;
    this.readOnly = options.readOnly ?? false;
  }

  /** Reads `docs` as one list from now on, creating in `createIn` (one of them). */
  setParts(docs: readonly Y.Doc[], createIn: Y.Doc): void {
    for (const part of this.parts) part.unobserveDeep(this.onPartChange);
    this.parts = docs.map((d) => d.getMap("docs"));
    this.target = createIn.getMap("docs");
    for (const part of this.parts) part.observeDeep(this.onPartChange);
    this.onPartChange();
  }

  /*
   * Reads return the SAME objects and arrays until the index changes, so the UI can pass
   * `() => index.list()` or `() => index.get(id)` straight to useSyncExternalStore.
   */
  private dirty = true;
  private entries = new Map<string, DocEntry>();
  private lists: { active: DocEntry[]; trashed: DocEntry[]; ids: string[] } = { active: [], trashed: [], ids: [] };

  /** Documents sorted by last edit, newest first; trashed ones only with `{ trashed: true }`. */
  list(options: { trashed?: boolean } = {}): DocEntry[] {
    this.refresh();
    return options.trashed ? this.lists.trashed : this.lists.active;
  }

  get(docId: string): DocEntry | undefined {
    this.refresh();
    return this.entries.get(docId);
  }

  /** Ids of every valid document entry, trashed ones included (all are kept on the device). */
  ids(): string[] {
    this.refresh();
    return this.lists.ids;
  }

  private refresh(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const next = new Map<string, DocEntry>();
    for (const [id, fields] of this.allEntries()) {
      const fresh = readEntry(id, fields);
      if (!fresh) continue;
      // In two parts for a moment (the relay moves an entry: copy, then delete): newest wins.
      const seen = next.get(id);
      if (seen && seen.updatedAt >= fresh.updatedAt) continue;
      const old = this.entries.get(id);
      next.set(id, old && sameEntry(old, fresh) ? old : fresh);
    }
    this.entries = next;
    const sorted = [...next.values()].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1));
    const active = sorted.filter((e) => e.trashedAt === null);
    const trashed = sorted.filter((e) => e.trashedAt !== null);
    const ids = [...next.keys()];
    this.lists = {
      active: sameItems(this.lists.active, active) ? this.lists.active : active,
      trashed: sameItems(this.lists.trashed, trashed) ? this.lists.trashed : trashed,
      ids: sameItems(this.lists.ids, ids) ? this.lists.ids : ids,
    };
  }

  /** Adds a document and returns its id. Works offline: the index syncs when the relay is back. */
  create(title: string, userName: string): string {
    if (this.readOnly) throw new ReadOnlyIndexError();
    const id = newDocId();
    const now = this.now();
    const fields = new Y.Map<unknown>();
    (this.target.doc as Y.Doc).transact(() => {
      fields.set("title", cleanTitle(title));
      fields.set("createdAt", now);
      fields.set("createdBy", userName);
      fields.set("updatedAt", now);
      fields.set("updatedBy", userName);
      fields.set("trashedAt", null);
      this.target.set(id, fields);
    });
    return id;
  }

  /** A rename to the current title writes nothing ("edited by" stays whoever really edited). */
  rename(docId: string, title: string, userName: string): void {
    const clean = cleanTitle(title);
    if (this.get(docId)?.title === clean) return;
    this.update(docId, userName, (fields) => fields.set("title", clean));
  }

  /** Moves to trash (kept, restorable); other devices see it in their trash too. */
  trash(docId: string, userName: string): void {
    this.update(docId, userName, (fields, now) => fields.set("trashedAt", now));
  }

  restore(docId: string, userName: string): void {
    this.update(docId, userName, (fields) => fields.set("trashedAt", null));
  }

  /** Records that `userName` edited the doc now ("last edited by"), at most every {@link TOUCH_INTERVAL_MS}. */
  touch(docId: string, userName: string): void {
    const entry = this.get(docId);
    if (!entry || this.readOnly) return;
    if (entry.updatedBy === userName && this.now() - entry.updatedAt < TOUCH_INTERVAL_MS) return;
    this.update(docId, userName, () => {});
  }

  subscribe(listener: () => void): () => void {
    const wrapped = () => listener();
    this.listeners.add(wrapped);
    return () => this.listeners.delete(wrapped);
  }

  private *allEntries(): Iterable<[string, unknown]> {
    for (const part of this.parts) yield* part.entries();
  }

  private update(docId: string, userName: string, change: (fields: Y.Map<unknown>, now: number) => void): void {
    if (this.readOnly) throw new ReadOnlyIndexError();
    const fields = this.parts.map((part) => part.get(docId)).find((f) => f instanceof Y.Map);
    if (!(fields instanceof Y.Map) || !fields.doc) throw new Error(`no document ${docId} in this workspace`);
    const now = this.now();
    fields.doc.transact(() => {
      change(fields, now);
      fields.set("updatedAt", now);
      fields.set("updatedBy", userName);
    });
  }
}

function cleanTitle(title: string): string {
  // Titles are one line: newlines and control characters from a paste would break the sidebar.
  let oneLine = "";
  for (const char of title) {
    const code = char.codePointAt(0) ?? 0;
    oneLine += code < 0x20 || code === 0x7f ? " " : char;
  }
  const clean = oneLine.trim().slice(0, MAX_TITLE_LENGTH);
  return clean.length > 0 ? clean : UNTITLED;
}

function sameEntry(a: DocEntry, b: DocEntry): boolean {
  return (
    a.title === b.title &&
    a.createdAt === b.createdAt &&
    a.createdBy === b.createdBy &&
    a.updatedAt === b.updatedAt &&
    a.updatedBy === b.updatedBy &&
    a.trashedAt === b.trashedAt
  );
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function readEntry(id: string, fields: unknown): DocEntry | null {
  if (!DOC_ID.test(id) || !(fields instanceof Y.Map)) return null;
  const num = (key: string): number | null => {
    const value = fields.get(key);
    return typeof value === "number" && Number.isFinite(value) ? value : null;
  };
  const text = (key: string, fallback: string): string => {
    const value = fields.get(key);
    return typeof value === "string" && value.length > 0 ? value.slice(0, MAX_TITLE_LENGTH) : fallback;
  };
  const createdAt = num("createdAt") ?? 0;
  return {
    id,
    title: text("title", UNTITLED),
    createdAt,
    createdBy: text("createdBy", "someone"),
    updatedAt: num("updatedAt") ?? createdAt,
    updatedBy: text("updatedBy", "someone"),
    trashedAt: num("trashedAt"),
  };
}
