/**
 * @module DocumentAccess
 * Which documents of a class this member may read, as the relay last said (issue 13). The
 * class's document list (its `index` doc) names every group's documents, but a student may
 * only read her groups' and the class-wide ones: the app must neither list the others nor
 * open sockets for them (each would be refused with 4403 — a reconnect storm across a class).
 *
 * Invariants:
 * - Only class members who are not teachers are filtered; a teacher, and a membership from
 *   before classes (no `classRole`), may read everything: their app behaves as it always did.
 * - A document is readable when the relay listed it (`GET …/documents`), answered `read` for
 *   it (`GET …/documents/<id>/access`; the list leaves out documents the relay has not
 *   stored yet) or when she created it herself. It is denied when the relay said 403 or a
 *   socket for it closed with 4403. Anything else is unknown: not shown, not synced, asked.
 * - A denied document stays denied until the relay lists it (being moved into a group or
 *   placed class-wide always makes it listed: a document was denied because it is stored or
 *   placed, and both stay).
 * - What is known is kept in localStorage per member, so a reload offline lists the same
 *   documents. Removal is kept too: her app keeps telling her until the page is reloaded online
 *   and the relay answers otherwise.
 */
import type { ApiClient } from "./ApiClient.ts";
import { memberKey, type Membership } from "./membership.ts";
import type { KeyValueStorage } from "./MembershipStore.ts";
import { type IndexLayout, parseIndexLayout, sameLayout } from "./index-layout.ts";

export interface DocumentAccessOptions {
  api: Pick<ApiClient, "readableDocuments" | "documentAccess">;
  /** The membership now (its token changes on refresh). */
  membership: () => Membership;
  /** Default localStorage (absent or blocked: memory only). */
  storage?: KeyValueStorage | null;
}

/** Access checks of single documents running at once (each is one small GET). */
const CHECK_CONCURRENCY = 4;

interface Snapshot {
  readable: Set<string>;
  denied: Set<string>;
  removed: boolean;
  /**
   * The relay said the class can keep documents from her (it has groups). Until it says
   * otherwise, true: the careful reading. False: nothing is filtered, so a document she has
   * not heard of yet (a classmate's, carried in by a sync file offline) shows and syncs at once.
   */
  restricted: boolean;
  /** The relay split the class's document list (issue 13): the parts she reads. Null: one index. */
  index: IndexLayout | null;
}

export class DocumentAccess {
  private readonly options: DocumentAccessOptions;
  private readonly storage: KeyValueStorage | null;
  private state: Snapshot;
  /** Access checks running, by docId: a second asker waits for the same answer. */
  private readonly inflight = new Map<string, Promise<void>>();
  /** The list request running, if any: it may answer a document's question too. */
  private refreshing: Promise<void> | null = null;
  private readonly listeners = new Set<(newlyReadable: string[]) => void>();
  /** Bumped on every change, for useSyncExternalStore readers. */
  version = 0;

  constructor(options: DocumentAccessOptions) {
    this.options = options;
    this.storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.state = this.load();
  }

  /**
   * False for teachers, memberships from before classes and classes without groups: nothing is
   * filtered for them.
   */
  get filters(): boolean {
    const role = this.options.membership().classRole;
    return role !== undefined && role !== "teacher" && this.state.restricted;
  }

  /**
   * Which index docs she reads, as the relay last said (kept for offline reloads); null while
   * the class has one index for everyone. Teachers get it too: they read every part.
   */
  get indexLayout(): IndexLayout | null {
    return this.state.index;
  }

  /** The relay said she was removed from the class (a refused socket or refresh). */
  get removed(): boolean {
    return this.state.removed;
  }

  /** May the app list and sync `docId`? `createdBy` is the index entry's creator name. */
  mayRead(docId: string, createdBy?: string): boolean {
    if (!this.filters) return true;
    if (this.state.denied.has(docId)) return false;
    return this.state.readable.has(docId) || createdBy === this.options.membership().user.name;
  }

  /** Known not readable (the relay said so). */
  isDenied(docId: string): boolean {
    return this.state.denied.has(docId);
  }

  /** Called with the documents that just became readable (to sync them). */
  subscribe(listener: (newlyReadable: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A socket for `docId` was refused (4403): never open one again for it. */
  deny(docId: string): void {
    if (this.state.denied.has(docId)) return;
    this.state.readable.delete(docId);
    this.state.denied.add(docId);
    this.changed([]);
  }

  markRemoved(): void {
    if (this.state.removed) return;
    this.state.removed = true;
    this.changed([]);
  }

  /**
   * Asks the relay for the whole list (on every reconnect), then checks the documents of
   * `ids` it did not list and nobody has decided yet. Failures leave things as they were.
   */
  refresh(ids: readonly string[], teacherToo = false): Promise<void> {
    // A teacher asks only for a split list's parts (`teacherToo`): nothing is filtered for her.
    const role = this.options.membership().classRole;
    if (role === undefined || (role === "teacher" && !teacherToo)) return Promise.resolve();
    const run = this.fetchList(ids).finally(() => {
      if (this.refreshing === run) this.refreshing = null;
    });
    this.refreshing = run;
    return run;
  }

  /**
   * Whether background sync may open a socket for `docId`: answers from what is known, else
   * asks the relay. Throws while it cannot tell (offline, relay error), so the job is retried.
   */
  async decide(docId: string, createdBy?: string): Promise<boolean> {
    if (!this.filters || this.mayRead(docId, createdBy) || this.state.denied.has(docId)) return this.mayRead(docId, createdBy);
    if (this.state.removed) return false;
    await this.refreshing;
    if (this.isUnknown(docId)) await this.checkOne(docId);
    if (this.isUnknown(docId)) throw new Error(`access to ${docId} not known yet`);
    return this.mayRead(docId, createdBy);
  }

  private isUnknown(docId: string): boolean {
    return !this.state.readable.has(docId) && !this.state.denied.has(docId);
  }

  private async fetchList(ids: readonly string[]): Promise<void> {
    let listed: string[];
    try {
      const answer = await this.options.api.readableDocuments(this.options.membership());
      listed = answer.documents.map((d) => d.docId);
      if (!sameLayout(this.state.index, answer.index)) {
        this.state.index = answer.index;
        this.changed([]);
      }
      if (this.options.membership().classRole === "teacher") return;
      if (this.state.restricted !== answer.restricted) {
        this.state.restricted = answer.restricted;
        // Unrestricted now: every document she knows of is hers to sync.
        if (!answer.restricted) this.changed([...ids]);
      }
    } catch {
      return; // Offline or refused: what we knew stays; the sockets themselves still get 4403.
    }
    const before = new Set(this.state.readable);
    const now = new Set(listed);
    // Readable before but no longer listed: moved to another group, or not stored yet. Ask.
    const recheck = [...before].filter((id) => !now.has(id));
    for (const id of listed) this.state.denied.delete(id);
    this.state.readable = now;
    this.state.removed = false;
    this.changed(listed.filter((id) => !before.has(id)));
    await this.check([...recheck, ...ids.filter((id) => !now.has(id) && !this.state.denied.has(id))]);
  }

  /** Asks the relay about the documents of `ids` nobody decided yet (new index entries). */
  async checkUnknown(ids: readonly string[]): Promise<void> {
    if (!this.filters || this.state.removed) return;
    await this.check(ids.filter((id) => !this.state.readable.has(id) && !this.state.denied.has(id)));
  }

  /** Asks the relay whether she may write `docId` now (null: could not ask). */
  async writable(docId: string): Promise<{ write: boolean; reason: string | null } | null> {
    try {
      const answer = await this.options.api.documentAccess(this.options.membership(), docId);
      if (answer.removed) this.markRemoved();
      else if (!answer.read) this.deny(docId);
      return answer.read ? { write: answer.write, reason: answer.reason } : null;
    } catch {
      return null;
    }
  }

  private async check(ids: readonly string[]): Promise<void> {
    const todo = [...ids];
    const workers = Array.from({ length: Math.min(CHECK_CONCURRENCY, todo.length) }, async () => {
      for (let id = todo.shift(); id !== undefined; id = todo.shift()) await this.checkOne(id);
    });
    await Promise.all(workers);
  }

  /** One access question to the relay; never rejects (a failure leaves the document unknown). */
  private checkOne(id: string): Promise<void> {
    const running = this.inflight.get(id);
    if (running) return running;
    const run = (async () => {
      try {
        const answer = await this.options.api.documentAccess(this.options.membership(), id);
        if (answer.removed) this.markRemoved();
        else if (!answer.read) this.deny(id);
        else if (!this.state.readable.has(id)) {
          this.state.readable.add(id);
          this.state.denied.delete(id);
          this.changed([id]);
        }
      } catch {
        // Offline or a relay error: still unknown; the next refresh or retry asks again.
      } finally {
        this.inflight.delete(id);
      }
    })();
    this.inflight.set(id, run);
    return run;
  }

  private key(): string {
    const m = this.options.membership();
    return `quire.docAccess.v1.${m.workspace.id}.${memberKey(m)}`;
  }

  private load(): Snapshot {
    const empty = (): Snapshot => ({ readable: new Set(), denied: new Set(), removed: false, restricted: true, index: null });
    try {
      const raw = this.storage?.getItem(this.key());
      if (!raw) return empty();
      // Untrusted (another script of the origin, an older version): every field is checked.
      const data = JSON.parse(raw) as { readable?: unknown; denied?: unknown; removed?: unknown; restricted?: unknown; index?: unknown };
      const ids = (value: unknown) => new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").slice(0, 10_000) : []);
      return {
        readable: ids(data.readable),
        denied: ids(data.denied),
        removed: data.removed === true,
        restricted: data.restricted !== false,
        index: parseIndexLayout(data.index),
      };
    } catch {
      return empty();
    }
  }

  private changed(newlyReadable: string[]): void {
    this.version++;
    try {
      const { readable, denied, removed, restricted, index } = this.state;
      this.storage?.setItem(this.key(), JSON.stringify({ readable: [...readable], denied: [...denied], removed, restricted, index }));
    } catch {
      // Storage full or blocked: this visit still knows; the next one asks the relay again.
    }
    for (const listener of [...this.listeners]) listener(newlyReadable);
  }
}

function defaultStorage(): KeyValueStorage | null {
  try {
    return (globalThis as { localStorage?: Storage }).localStorage ?? null;
  } catch {
    return null;
  }
}
