/**
 * @module DocumentRoom
 * One loaded document: its Y.Doc (gc off: full history), its awareness and its connections.
 *
 * Invariants:
 * - A room serves nothing until its stored updates loaded; a load failure quarantines the
 *   doc and closes every waiting socket with 4500 (never served or saved as empty:
 *   hocuspocus#382).
 * - An update is applied, staged for the turn's group commit, and broadcast, acknowledged or
 *   served in a sync step 2 only after that commit (commit-turn.ts): whatever a client has
 *   received is on disk. If the write fails, the room is reloaded from disk (the update is in
 *   memory only).
 * - The room unloads only when it has no connection and no hold (a history change in flight)
 *   for unloadDelayMs (UnloadTimer); by then every staged write has been flushed (one turn),
 *   and a reconnecting client loads everything from disk (the y-websocket closeConn trap).
 * - Every staged update carries its provenance (sender from the token, relay receive time,
 *   clock ranges from the update check), written in the same commit (issue 11, item 3).
 * - The room talks to storage only through the port (@quire/storage StoragePort), to other
 *   relay nodes only through the bus (RoomBusLink: committed updates and presence, published
 *   after the commit, never stored twice) and to features only through hooks (room-hooks.ts).
 */
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { CloseCode, createQuireDoc, parseIndexPartDocName } from "@quire/core";
import type { RoomBus } from "@quire/bus";
import type { CommitListener, StoragePort } from "@quire/storage";
import type { RelayLimits } from "../config.ts";
import { log } from "../log.ts";
import type { ClientIdStore } from "@quire/storage-sqlite";
import type { Compactor } from "../storage/Compactor.ts";
import { CommitTurns } from "./commit-turn.ts";
import type { Connection } from "./Connection.ts";
import type { DecodeWorker } from "./DecodeWorker.ts";
import { DocWaiters } from "./DocWaiters.ts";
import type { IntegrationGuard } from "./IntegrationGuard.ts";
import { loadDocument } from "./load-document.ts";
import { handleMessage } from "./message-handler.ts";
import { RoomBusLink } from "./RoomBusLink.ts";
import { RoomCheckpoints } from "./RoomCheckpoints.ts";
import { SharedMessage } from "./SharedMessage.ts";
import { stageTrace } from "./stage-trace.ts";
import { UnloadTimer } from "./UnloadTimer.ts";
import type { RoomHooks } from "./room-hooks.ts";
import type { UpdateOrigin } from "./room-port.ts";
import { StoredDataError, isEmptyUpdate } from "./update-check.ts";
import { type AuthoredContent, stampProvenance } from "./update-provenance.ts";
import { broadcastPresence } from "./presence-broadcast.ts";
import { encodeAwarenessFor, encodeSyncStep1 } from "./wire.ts";

export type RoomState = "loading" | "ready" | "failed" | "unloaded";

/**
 * True when `authored` is a plain update (one contiguous run per client, plain-update.ts) whose
 * every run starts at or past what `doc` holds of its client: no struct is already in the doc.
 */
function allNew(doc: Y.Doc, authored: AuthoredContent): boolean {
  if (authored.plain !== true) return false;
  for (const range of authored.structRanges) if (range.clock < Y.getState(doc.store, range.client)) return false;
  return true;
}

export interface RoomContext {
  store: StoragePort;
  decoder: DecodeWorker;
  /** Per-update integration trials and per-user CPU budgets (security review S1). */
  integration: IntegrationGuard;
  /** Who owns each Yjs client id of a doc (security review S2). */
  clientIds: ClientIdStore;
  compactor: Compactor;
  limits: RelayLimits;
  /** This relay is a classroom hub (issue 14): told to ack subscribers. */
  hub?: boolean;
  /** This node's view of the room bus (other relay nodes serving the same docs). */
  bus: RoomBus;
  hooks: RoomHooks;
  /** Called once the room is gone (unloaded or failed) so the registry forgets it. */
  onGone(room: DocumentRoom): void;
}

export class DocumentRoom {
  readonly doc = createQuireDoc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  state: RoomState = "loading";
  private storedRows = 0;
  /** When checkpoints (automatic versions) are taken; history takes one before a restore. */
  readonly checkpoints: RoomCheckpoints;
  private loading: Promise<void> | null = null;
  private readonly busLink: RoomBusLink;
  /** A compaction started by this room is running. */
  private compacting = false;
  /**
   * Unloads the room unloadDelayMs after its last socket went; `unloader.hold()` keeps it
   * loaded without a socket (a restore computed off the event loop commits through it).
   */
  readonly unloader: UnloadTimer;
  /** Conditions waiting for the doc to change (see whenTrue), re-checked after each commit. */
  private readonly waiters = new DocWaiters(() => this.state === "ready");
  /** What this turn's staged updates owe clients once they are written. */
  private readonly turns: CommitTurns;
  private readonly commitListener: CommitListener = {
    committed: () => this.onCommitted(),
    failed: (error) => this.onCommitFailed(error),
  };

  constructor(
    readonly name: string,
    private readonly context: RoomContext,
  ) {
    // A split index's part (issue 13) drops deleted entries' content: a document moved to
    // another group leaves its title in the old part's history, which a member reading that
    // part later (a student new to the group, a fresh device) must not receive. Its updates
    // are still stored as sent; only what the relay serves from this doc is collected.
    if (parseIndexPartDocName(name)) this.doc.gc = true;
    this.checkpoints = new RoomCheckpoints(name, this.doc, context.store, context.limits);
    this.turns = new CommitTurns(name, this.doc);
    this.busLink = new RoomBusLink(this, context.bus);
    this.unloader = new UnloadTimer(context.limits.unloadDelayMs, () => this.connections.size === 0 && this.state === "ready", () => this.unloadNow());
    // The relay itself has no presence.
    this.awareness.setLocalState(null);
    // No doc "update" listener: commit broadcasts the update it applied as received (after
    // diffUpdate), so Yjs does not re-encode every transaction for a listener (FINDINGS F1).
    this.awareness.on("update", (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const clients = [...change.added, ...change.updated, ...change.removed];
      // Sent to the origin too, like the y-websocket server: a stock provider reconnects when
      // it has received nothing for 30 s, and the echo of its own 15 s awareness renewal is
      // what keeps a lone, idle client's socket alive.
      // Mux channels (issue 17) opt out: their origin is left out.
      const sender = this.connections.has(origin as Connection) ? (origin as Connection) : null;
      const echo = sender === null || sender.echoPresence;
      if (clients.length > 0) broadcastPresence(this.connections, this.awareness, clients, echo ? null : origin);
      this.busLink.publishAwareness(clients, origin);
    });
  }

  get clientCount(): number {
    return this.connections.size;
  }

  /** Loads the stored updates once (later calls wait for the same load). */
  load(): Promise<void> {
    this.loading ??= this.loadOnce();
    return this.loading;
  }

  /** Loads the stored updates (large docs in the decode worker, under the time budget). */
  private async loadOnce(): Promise<void> {
    let compactOnceReady = false;
    try {
      if ((await this.context.store.quarantineReason(this.name)) !== null) {
        this.refuseQuarantined();
        return;
      }
      const loaded = await loadDocument(this.name, this.context, () => this.state === "loading");
      this.storedRows = loaded.storedRows;
      compactOnceReady = loaded.compactOnceReady;
      try {
        const started = performance.now();
        this.doc.transact(() => {
          for (const row of loaded.rows) Y.applyUpdate(this.doc, row, "storage");
        }, "storage");
        // Every room waited this long (security S1): worth an operator's attention.
        const ms = Math.round(performance.now() - started);
        if (ms >= 100) log.warn("slow integration", { doc: this.name, load: true, ms, rows: loaded.rows.length });
      } catch (error) {
        throw new StoredDataError(`stored state does not apply: ${error instanceof Error ? error.message : String(error)}`);
      }
    } catch (error) {
      // Only bad stored data quarantines; a timeout (slow machine?), a crashed worker or a
      // shutdown refuses the doc for now and the next connection tries again.
      this.fail(error instanceof Error ? error.message : String(error), error instanceof StoredDataError);
      return;
    }
    if (this.state !== "loading") return;
    this.state = "ready";
    log.debug("document loaded", { doc: this.name, rows: this.storedRows });
    this.busLink.ready();
    this.context.hooks.loaded({ doc: this.name, rows: this.storedRows });
    if (compactOnceReady) this.compactInBackground();
    for (const connection of this.connections) this.start(connection);
    this.unloader.arm();
  }

  /** Adds a connection; it starts syncing as soon as the room is ready. */
  join(connection: Connection): void {
    this.unloader.cancel();
    this.connections.add(connection);
    if (this.state === "ready") this.start(connection);
  }

  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    if (connection.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], connection);
    }
    this.unloader.arm();
  }

  /**
   * Applies an update from `origin` and stages it for this turn's group commit; it is
   * broadcast and acknowledged only once written (see onCommitted). Returns false when the
   * doc refused it (the socket is closed and the room reloads from disk) or it would exceed
   * a storage quota (the socket is closed with 4532; the doc is untouched).
   */
  commit(incoming: Uint8Array, origin: UpdateOrigin, authored: AuthoredContent): boolean {
    // Store only what is new to this doc: structs it already has are dropped, so the rows
    // never hold two versions of one (client, clock) — a hostile "equivocating" resend
    // would otherwise make rebuilt docs differ from the live one (FINDINGS.md F3). A plain
    // update whose runs all start past the doc's state has nothing to drop: the diff would
    // return it as it is, so it is skipped (a keystroke's diff and state vector: bench F15).
    const update = allNew(this.doc, authored) ? incoming : Y.diffUpdate(incoming, Y.encodeStateVector(this.doc));
    if (isEmptyUpdate(update)) {
      if (origin.ackSubscribed) this.ackAfterCommit(origin);
      return true;
    }
    // A quota is checked before the update touches the doc: refusing it loses nothing saved.
    const overQuota = this.context.store.quotaRefusal(this.name, origin.claims.sub, update.byteLength);
    if (overQuota !== null) {
      origin.close(CloseCode.QuotaExceeded, overQuota);
      return false;
    }
    // Before applying: the inserts are what this doc does not hold yet.
    const provenance = stampProvenance(this.doc, origin.claims, authored);
    const turn = this.turns.open();
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      // Structurally valid but Yjs refused to integrate it: nothing was staged, but the
      // in-memory doc may be half-changed, so reload it from disk.
      log.warn("update failed to apply", { doc: this.name, conn: origin.id, error: error instanceof Error ? error.message : String(error) });
      origin.close(CloseCode.BadMessage, "update could not be applied");
      this.evict("document reloading after a bad update; reconnect");
      return false;
    }
    this.context.store.stage(this.name, update, provenance, this.commitListener);
    turn.outbox.push({ update, origin, provenance, trace: stageTrace?.staged() ?? null });
    turn.rows += 1;
    turn.origins.add(origin);
    if (provenance.catchUp) turn.catchUp = true;
    if (origin.ackSubscribed) turn.acks.add(origin);
    return true;
  }

  /** Sends `connection` an ack once everything applied so far is on disk. */
  ackAfterCommit(connection: UpdateOrigin): void {
    this.turns.ackAfterCommit(connection);
  }

  /**
   * Runs `send` once everything applied so far is on disk: anything that reads the doc's
   * content for a client (a sync step 2) must not leak an update that is not saved yet.
   */
  afterCommit(send: () => void): void {
    this.turns.afterCommit(send);
  }

  /** The turn's rows are on disk: broadcast, ack (one per socket), one write per socket. */
  private onCommitted(): void {
    const turn = this.turns.take();
    if (!turn || this.state !== "ready") return;
    this.storedRows += turn.rows;
    // A device's offline work just arrived: an automatic version right after it (issue 12).
    if (turn.catchUp) this.checkpoints.caughtUp();
    else if (turn.rows > 0) this.checkpoints.committed();
    this.turns.deliver(turn, [...this.connections], (message, origin) => this.broadcast(message, origin));
    for (const { update, provenance } of turn.outbox) {
      this.busLink.publishUpdate(update);
      this.context.hooks.committed({ doc: this.name, update, provenance });
    }
    if (this.storedRows >= this.context.limits.compactAfterUpdates) this.compactInBackground();
    this.waiters.recheck();
  }

  /**
   * Nothing of the turn was written (disk full, I/O error): its updates are in memory only
   * and were sent to nobody. Their senders are told; everyone reconnects to the stored doc.
   */
  private onCommitFailed(error: unknown): void {
    const turn = this.turns.take();
    if (!turn || this.state !== "ready") return;
    const code = (error as { code?: unknown }).code;
    log.error("storage write failed", { doc: this.name, error: error instanceof Error ? error.message : String(error), code });
    for (const origin of turn.origins) {
      origin.close(CloseCode.StorageFull, "storage full or failing: the update was not saved, try again later");
    }
    this.evict("the relay could not save an update; reconnect to reload the document");
  }

  /** True once `condition` holds (re-checked as the doc changes); false after `timeoutMs` or once gone. */
  whenTrue(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    return this.waiters.whenTrue(condition, timeoutMs);
  }

  /** An update committed by another node was applied (RoomBusLink): wake what waits for it. */
  remoteApplied(): void {
    this.waiters.recheck();
  }

  /** Sends to every connection except `origin`, framed once for all of them (SharedMessage). */
  broadcast(message: Uint8Array | SharedMessage, origin: unknown): void {
    const shared = message instanceof SharedMessage ? message : new SharedMessage(message);
    for (const connection of this.connections) {
      if (connection !== origin && connection.ready) connection.sendShared(shared);
    }
  }


  /**
   * Starts a background merge of this doc's stored rows (never drops deleted content). A
   * checkpoint first: always when the room unloads (its last state is a version), else at most
   * one per checkpoint interval (RoomCheckpoints.takeIfDue).
   */
  compactInBackground(unloading = false): void {
    // An unloading room's last state is a version even when a compaction is already in flight
    // (that one started before the last commits; skipping here lost the final checkpoint).
    if (this.state === "ready" && unloading) this.checkpoints.takeNow();
    // Called after every commit while the doc has too many rows: only the first call of a
    // compaction does anything (a checkpoint walks the whole doc on the main thread), and none
    // while the doc waits out the retry delay after a failed compaction.
    if (this.compacting || !this.context.compactor.willTry(this.name)) return;
    this.compacting = true;
    // Rows merge; the timeline stays in provenance and checkpoints (issue 11, item 4).
    if (this.state === "ready" && !unloading) this.checkpoints.takeIfDue();
    void this.context.compactor.compact(this.name).then((merged) => {
      this.compacting = false;
      if (merged === 0) return;
      this.storedRows = Math.max(1, this.storedRows - merged + 1);
      // Rows that arrived during a long merge would otherwise wait for the next write.
      if (this.state === "ready" && this.storedRows >= this.context.limits.compactAfterUpdates) this.compactInBackground();
    });
  }

  /** Closes every connection with `code` and drops the room (shutdown, errors). */
  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) connection.close(code, reason);
  }

  /**
   * Drops the room now (relay shutdown). Every update is already committed; compaction is
   * left for the next start so shutdown stays quick.
   */
  dispose(): void {
    this.gone("unloaded");
  }

  private start(connection: Connection): void {
    connection.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) connection.send(encodeAwarenessFor(connection, this.awareness, states));
    connection.setReady((conn, message) => handleMessage(this, conn, message, this.context));
  }

  private fail(reason: string, quarantine: boolean): void {
    if (this.state !== "loading") return;
    if (!quarantine) {
      log.error("document load failed; not served this time", { doc: this.name, reason });
      this.closeAll(CloseCode.DocUnavailable, "document is unavailable right now (loading failed or took too long), try again later");
      this.gone("failed");
      return;
    }
    log.error("document failed to load; quarantined", { doc: this.name, reason });
    this.context.store.quarantine(this.name, reason).catch((error: unknown) => {
      log.error("could not record quarantine", { doc: this.name, error: String(error) });
    });
    this.refuseQuarantined();
  }

  /** Closes every waiting socket: this doc is quarantined and never served. */
  private refuseQuarantined(): void {
    this.closeAll(CloseCode.DocUnavailable, "document is unavailable: its stored data failed to load (quarantined)");
    this.gone("failed");
  }

  private evict(reason: string): void {
    this.closeAll(1012, reason);
    this.gone("unloaded");
  }

  private unloadNow(): void {
    // Every staged write was flushed within a turn of its arrival, so unloading loses nothing; the
    // merge runs on the stored rows and is safe against a reload meanwhile.
    if (this.storedRows > 1 && this.context.compactor.willTry(this.name)) this.compactInBackground(true);
    else this.checkpoints.takeNow();
    this.gone("unloaded");
  }

  private gone(state: "failed" | "unloaded"): void {
    if (this.state === "failed" || this.state === "unloaded") return;
    this.state = state;
    this.busLink.close();
    this.checkpoints.dispose();
    this.waiters.recheck();
    this.unloader.cancel();
    this.context.onGone(this);
    this.context.hooks.unloaded({ doc: this.name, state });
    this.awareness.destroy();
    this.doc.destroy();
  }
}
