/**
 * @module IndexSplitter
 * Keeps a class's document list split by audience (issue 13): a student's device receives the
 * titles, creators and ids of her groups' documents and the class-wide ones, never another
 * group's. A Yjs doc cannot be served in part (every syncing client gets every entry, and with
 * `gc: false` deleted ones too), so each audience has its own index doc (@quire/core
 * `indexPartDocName`): `<ws>/index/class` and `<ws>/index/<groupId>`.
 *
 * What the relay writes (through the room, as a restore does: stored with provenance, then
 * broadcast):
 * - split: the first time a class has groups (and, for data from before this version, at
 *   start), every entry of `<ws>/index` is copied into the part its document belongs to.
 *   The class is then marked split; from then on only teachers may open `<ws>/index`.
 * - move: a teacher puts a document in another group (or the whole class): its entry is
 *   copied into the new part and deleted from the old one. The old part's members keep the
 *   title they could read until then in that doc's history; nobody else gets it.
 * - place: a student creates a document in her group's part (offline too); once that part
 *   reaches the relay, every entry without a place is put in that group, so the document
 *   itself is readable by the group only.
 *
 * Invariants:
 * - An entry already present in the target part is never overwritten by a copy: the part
 *   may hold newer renames than the source.
 * - One operation per class at a time (a promise chain), so a split and a move never
 *   interleave their reads and writes.
 */
import { CLASS_INDEX_PART, type IndexPart, type TokenClaims, indexPartDocName, parseIndexPartDocName, workspaceIndexDocName } from "@quire/core";
import * as Y from "yjs";
import { commitAsRelay } from "../history/commit-as-relay.ts";
import { log } from "../log.ts";
import type { ClassDocuments } from "../storage/ClassDocuments.ts";
import type { ClassStore } from "../storage/ClassStore.ts";
import type { IndexSplits } from "../storage/IndexSplits.ts";
import type { RoomRegistry } from "../sync/RoomRegistry.ts";
import { copyEntry, entryIds, relayAuthored } from "./index-entries.ts";

export interface IndexSplitterDeps {
  registry: Pick<RoomRegistry, "open">;
  classes: ClassStore;
  documents: ClassDocuments;
  splits: IndexSplits;
  /** Classes a hub mirrors from its upstream: split there, never here. */
  mirrored?: ReadonlySet<string>;
}

/** Who the relay's own index writes are attributed to in provenance. */
const RELAY_CLAIMS: TokenClaims = { v: 1, sub: "quire-relay", name: "Quire", role: "editor", iat: 0, exp: 0, jti: "quire-relay" };

export class IndexSplitter {
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: IndexSplitterDeps) {}

  /** True once the class keeps one index doc per audience. */
  isSplit(workspace: string): boolean {
    return this.deps.splits.isSplit(workspace);
  }

  /** Splits the class's index if it has groups and is not split yet; resolves when done. */
  ensureSplit(workspace: string): Promise<void> {
    if (this.deps.splits.isSplit(workspace) || this.deps.mirrored?.has(workspace) || this.deps.classes.groups(workspace).length === 0) return Promise.resolve();
    return this.serial(workspace, () => this.split(workspace));
  }

  /** Splits every class that has groups but one index (data from before splits). */
  async migrate(): Promise<void> {
    for (const workspace of this.deps.splits.unsplit()) {
      try {
        await this.ensureSplit(workspace);
      } catch (error) {
        // Retried on the class's next list request (ensureSplit); nothing half-done is marked.
        log.warn("index split failed", { workspace, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  /** A teacher put `docId` in `groupId` (null: the whole class): its entry follows it. */
  moved(workspace: string, docId: string, groupId: string | null): Promise<void> {
    if (!this.deps.splits.isSplit(workspace) || this.deps.mirrored?.has(workspace)) return Promise.resolve();
    return this.serial(workspace, async () => {
      const target = groupId ?? CLASS_INDEX_PART;
      const sources = [CLASS_INDEX_PART, ...this.deps.classes.groups(workspace).map((g) => g.id)].filter((p) => p !== target);
      for (const source of sources) await this.moveBetween(workspace, docId, source, target);
    });
  }

  /**
   * Something was committed to `docName`: when it is a group's part, entries nobody placed
   * yet (created by a student of the group) are put in that group.
   */
  committed(docName: string): void {
    if (this.deps.mirrored?.has(docName.split("/")[0] ?? "")) return;
    const owner = docName.endsWith("/index") ? docName.slice(0, -"/index".length) : null;
    if (owner !== null && docName === workspaceIndexDocName(owner) && this.deps.splits.isSplit(owner)) {
      void this.serial(owner, () => this.copyMissing(owner)).catch((error) => log.warn("index forwarding failed", { doc: docName, error: String(error) }));
      return;
    }
    const parsed = parseIndexPartDocName(docName);
    if (!parsed || parsed.part === CLASS_INDEX_PART || !this.deps.classes.group(parsed.workspace, parsed.part)) return;
    const { workspace, part } = parsed;
    void this.serial(workspace, async () => {
      const opened = await this.deps.registry.open(docName);
      if (!opened) return;
      try {
        const placed = new Set(this.deps.documents.placed(workspace).map((d) => d.doc));
        for (const id of entryIds(opened.room.doc)) {
          const doc = `${workspace}/${id}`;
          if (!placed.has(doc)) this.deps.documents.assign(doc, part);
        }
      } finally {
        opened.release();
      }
    }).catch((error) => log.warn("index placement failed", { doc: docName, error: String(error) }));
  }

  private async split(workspace: string): Promise<void> {
    if (this.deps.splits.isSplit(workspace)) return;
    await this.copyMissing(workspace);
    // Marked in the old index itself: a teacher's app (which may still read it) asks for the
    // parts when it sees the mark, without asking the relay on every visit of every class.
    await this.write(workspaceIndexDocName(workspace), (doc) => doc.getMap("meta").set("split", Date.now()));
    this.deps.splits.mark(workspace);
    // Sockets open on `<ws>/index` are re-checked (students' close with 4403; their app asks
    // for the new list and opens the parts).
    this.deps.classes.changed(workspace);
    log.info("class index split", { workspace });
  }

  /**
   * Copies every entry of the old single index into the part its document belongs to, unless
   * that part has it: the split itself, and later, a teacher's device that has not heard of
   * the split yet and writes the old index (only teachers may): documents it added there get
   * listed. Later changes to entries a part already has are not copied (the part is newer).
   */
  private async copyMissing(workspace: string): Promise<void> {
    const opened = await this.deps.registry.open(workspaceIndexDocName(workspace));
    if (!opened) throw new Error(`the index of ${workspace} cannot be loaded`);
    try {
      const byPart = new Map<IndexPart, string[]>();
      for (const id of entryIds(opened.room.doc)) {
        const part = this.deps.documents.get(`${workspace}/${id}`).groupId ?? CLASS_INDEX_PART;
        byPart.set(part, [...(byPart.get(part) ?? []), id]);
      }
      for (const [part, ids] of byPart) {
        const name = indexPartDocName(workspace, part);
        const target = await this.deps.registry.open(name);
        if (!target) continue;
        const has = new Set(entryIds(target.room.doc));
        target.release();
        const missing = ids.filter((id) => !has.has(id));
        if (missing.length === 0) continue;
        await this.write(name, (doc) => {
          for (const id of missing) copyEntry(opened.room.doc, doc, id);
        });
      }
    } finally {
      opened.release();
    }
  }

  private async moveBetween(workspace: string, docId: string, source: IndexPart, target: IndexPart): Promise<void> {
    const from = await this.deps.registry.open(indexPartDocName(workspace, source));
    if (!from) return;
    try {
      if (!entryIds(from.room.doc).includes(docId)) return;
      await this.write(indexPartDocName(workspace, target), (doc) => copyEntry(from.room.doc, doc, docId));
      await this.write(indexPartDocName(workspace, source), (doc) => doc.getMap("docs").delete(docId));
    } finally {
      from.release();
    }
  }

  /** Applies `change` to the live doc `name` as the relay and commits it (stored, then sent). */
  private async write(name: string, change: (scratch: Y.Doc) => void): Promise<void> {
    const opened = await this.deps.registry.open(name);
    if (!opened) throw new Error(`${name} cannot be loaded`);
    try {
      const scratch = new Y.Doc({ gc: false });
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(opened.room.doc));
      const before = Y.encodeStateVector(scratch);
      scratch.transact(() => change(scratch));
      const update = Y.encodeStateAsUpdate(scratch, before);
      await commitAsRelay(opened.room, { ...RELAY_CLAIMS, workspace: name.split("/")[0] as string }, update, relayAuthored(update));
    } finally {
      opened.release();
    }
  }

  private serial<T>(workspace: string, run: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(workspace) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(run);
    this.chains.set(workspace, next);
    void next.finally(() => {
      if (this.chains.get(workspace) === next) this.chains.delete(workspace);
    }).catch(() => {});
    return next;
  }
}
