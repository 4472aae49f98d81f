/**
 * @module IndexReplicas
 * The index docs a {@link WorkspaceSession} keeps open: `<ws>/index`, or in a class whose relay
 * split its document list by audience (issue 13), the class part first and then the parts the
 * relay names ({@link IndexParts}, loaded on demand: a lazy chunk kept out of the first load and
 * cached for offline use once fetched).
 *
 * Invariants:
 * - The primary replica's connection is the workspace's connection state.
 * - A refused index socket (the class's list was split, or she was moved to another group), or
 *   the relay's split mark in the old single index (IndexSplitter: how a teacher, who may still
 *   read it, hears of the split), makes the session ask the relay which parts to read.
 * - Nothing is opened or asked once the session is destroyed.
 */
import { CLASS_INDEX_PART, indexPartDocName, workspaceIndexDocName } from "@quire/core";
import { deviceCopyName } from "./device-copy-name.ts";
import type { DocReplica } from "./DocReplica.ts";
import type { DocumentAccess } from "./DocumentAccess.ts";
import type { IndexParts } from "./IndexParts.ts";
import type { Membership } from "./membership.ts";
import type { WorkspaceIndex } from "./WorkspaceIndex.ts";

export interface IndexReplicasDeps {
  access: DocumentAccess;
  membership(): Membership;
  /** The session's index over these docs (unset while the first replica is being made). */
  index(): WorkspaceIndex | undefined;
  /** A started replica of an index doc, without presence. */
  replica(docName: string): DocReplica;
  isDestroyed(): boolean;
  /** The primary replica changed, or its state did. */
  onConnection(): void;
  /** An index doc's device copy is applied. */
  onLoaded(): void;
  indexedDB?: IDBFactory;
}

export class IndexReplicas {
  /** The index doc opened first: `<ws>/index`, or a split class's class part. */
  readonly first: DocReplica;
  /** A split class's parts, once the relay said the class is split. */
  private parts: IndexParts | null = null;
  private loadingParts: Promise<void> | null = null;

  constructor(private readonly deps: IndexReplicasDeps) {
    const ws = deps.membership().workspace.id;
    this.first = this.open(deps.access.indexLayout ? indexPartDocName(ws, CLASS_INDEX_PART) : workspaceIndexDocName(ws));
  }

  /** The primary index doc's replica (its connection is the workspace's connection state). */
  get primary(): DocReplica {
    return this.parts?.primary ?? this.first;
  }

  /** Every open index doc's replica (a split class's parts, or the one index). */
  handles(): DocReplica[] {
    return this.parts?.handles() ?? [this.first];
  }

  /** Reads the parts the relay last named (DocumentAccess.indexLayout). */
  follow(): void {
    const { access, membership, index } = this.deps;
    const layout = access.indexLayout;
    const current = index();
    if (this.deps.isDestroyed() || layout === null || current === undefined) return;
    if (!this.parts) {
      this.loadingParts ??= import("./IndexParts.ts").then(({ IndexParts }) => {
        if (this.deps.isDestroyed()) return;
        this.parts = new IndexParts({
          workspaceId: membership().workspace.id,
          first: this.first,
          open: (docName) => this.open(docName),
          deviceCopy: (docName) => deviceCopyName(membership(), docName),
          ...(this.deps.indexedDB ? { indexedDB: this.deps.indexedDB } : {}),
        });
        this.follow();
      }).catch(() => {
        // Offline before the chunk was ever cached: tried again at the next access change.
        this.loadingParts = null;
      });
      return;
    }
    if (this.parts.apply(layout, current, { teacher: membership().classRole === "teacher" })) this.deps.onConnection();
  }

  release(): void {
    if (this.parts) this.parts.release();
    else this.first.release();
  }

  /** An index doc's replica: its connection and loads drive the session (IndexParts opens them). */
  private open(docName: string): DocReplica {
    const { access, index, isDestroyed } = this.deps;
    const replica = this.deps.replica(docName);
    replica.subscribe(() => {
      // Refused (the class's list was split, or she was moved): ask the relay which parts to read.
      if (replica.accessRefusal()?.kind === "no-access" && !isDestroyed()) void access.refresh(index()?.ids() ?? []);
      if (replica === this.primary) this.deps.onConnection();
    });
    void replica.whenLoaded.then(() => {
      if (!isDestroyed() && index()) this.deps.onLoaded();
    });
    const meta = replica.doc.getMap("meta");
    const onMeta = () => {
      if (meta.has("split") && access.indexLayout === null && !isDestroyed()) void access.refresh(index()?.ids() ?? [], true);
    };
    meta.observe(onMeta);
    void replica.whenLoaded.then(onMeta);
    return replica;
  }
}
