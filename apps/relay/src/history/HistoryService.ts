/**
 * @module HistoryService
 * What the history API does (issue 12, items 2, 4, 7): lists versions, builds a version's
 * update, makes named versions and hand-ins, restores a version and reverts one member's
 * changes as a new change on top, and computes contributions — with @quire/history over the
 * stored doc and its provenance, never re-implementing it.
 *
 * Invariants:
 * - Changes go through the real room (commitAsRelay): persisted before they are broadcast,
 *   live for every connected client, recorded as the person's (their token) under a fresh
 *   Yjs client id bound to them before the change is staged.
 * - Plans are computed in the history worker on a copy of the doc, never on the event loop;
 *   so are the history index and what is asked of it (HistoryIndex: version updates,
 *   contributions).
 * - The versions list is kept per doc while nothing it depends on changed (VersionListCache).
 * - A restore gets records of its own: checkpoints just before and just after it close the
 *   newest record, so "the version before the restore" exists and restoring it undoes it.
 * - A hand-in's update is built once, stored byte for byte with its SHA-256, and served as
 *   stored; nothing here renames or deletes one (the store refuses too).
 */
import { createHash, randomInt } from "node:crypto";
import * as Y from "yjs";
import type { TokenClaims } from "@quire/core";
import type { Contribution } from "@quire/history";
import type { StoragePort } from "@quire/storage";
import type { ClientIdStore } from "@quire/storage-sqlite";
import type { DocumentRoom } from "../sync/DocumentRoom.ts";
import type { RoomRegistry } from "../sync/RoomRegistry.ts";
import { checkUpdate } from "../sync/update-check.ts";
import { commitAsRelay, settled } from "./commit-as-relay.ts";
import { authorBindings } from "./HistoryCache.ts";
import type { HistoryIndex } from "./HistoryIndex.ts";
import type { PlanTarget } from "./plan-messages.ts";
import type { PlanWorker } from "./PlanWorker.ts";
import { type VersionEntry, parseAutoId } from "./version-list.ts";
import type { VersionListCache } from "./VersionListCache.ts";
import type { VersionUpdateCache } from "./VersionUpdateCache.ts";

export class HistoryError extends Error {
  constructor(
    readonly status: 404 | 409 | 500 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface HistoryDeps {
  store: StoragePort;
  clientIds: ClientIdStore;
  registry: RoomRegistry;
  worker: PlanWorker;
  index: HistoryIndex;
  lists: VersionListCache;
  updates: VersionUpdateCache;
}

/** What a restore or revert did. */
export interface ChangeResult {
  changed: boolean;
  /** The `restore` version it made (absent when nothing differed). */
  id?: string;
  restoredChars: number;
  deletedChars: number;
}

export class HistoryService {
  constructor(private readonly deps: HistoryDeps) {}

  /** `doc`'s versions, oldest first (the same array while nothing changed: callers must not change it). */
  async versions(doc: string): Promise<readonly VersionEntry[]> {
    await this.readable(doc);
    return this.deps.lists.get(doc);
  }

  /** Builds `doc`'s history index in the worker now, if missing or stale (a view comes next). */
  warm(doc: string): void {
    this.deps.index.warm(doc);
  }

  /** Retention rewrote `doc`'s old records: what was derived from them goes. */
  forget(doc: string): void {
    this.deps.lists.forget(doc);
    this.deps.index.forget(doc);
  }

  /** The Yjs update (v1) that rebuilds `id` in an empty gc-off doc. */
  async versionUpdate(doc: string, id: string): Promise<Uint8Array> {
    const cached = this.deps.updates.get(doc, id);
    if (cached) return cached;
    const entry = await this.find(doc, id);
    let update: Uint8Array | null;
    if (entry.kind === "handin") update = await this.deps.store.handInUpdate(doc, id);
    else update = await this.deps.index.versionUpdate(doc, { seq: entry.seq, at: entry.at, snapshot: entry.snapshot });
    if (!update) throw new HistoryError(404, "not_found", `no version ${id} in this document`);
    this.deps.updates.set(doc, id, update);
    return update;
  }

  /** Names the current state (a hand-in locks it: stored byte for byte, hash recorded). */
  async createVersion(doc: string, claims: TokenClaims, name: string, handIn: boolean): Promise<{ id: string; contentHash?: string }> {
    return this.withRoom(doc, async (room) => {
      await settled(room);
      // Closes the newest record so the version stands exactly for the records up to its seq.
      room.checkpoints.takeNow();
      const snapshot = Y.snapshot(room.doc);
      const base = { name, at: Date.now(), userId: claims.sub, userName: claims.name, snapshot: Y.encodeSnapshot(snapshot) };
      if (!handIn) return { id: (await this.deps.store.addVersion(doc, { kind: "named", ...base })).id };
      const update = Y.encodeStateAsUpdate(Y.createDocFromSnapshot(room.doc, snapshot));
      const contentHash = createHash("sha256").update(update).digest("hex");
      const stored = await this.deps.store.addVersion(doc, { kind: "handin", ...base, update, contentHash });
      return { id: stored.id, contentHash };
    });
  }

  async restore(doc: string, claims: TokenClaims, versionId: string): Promise<ChangeResult> {
    const entry = await this.find(doc, versionId);
    const label = entry.name ?? new Date(entry.at).toISOString();
    return this.change(doc, claims, { kind: "restore", seq: entry.seq }, `Restored “${label}”`);
  }

  async revertMember(doc: string, claims: TokenClaims, who: { userId: string; from: number; to: number }): Promise<ChangeResult> {
    const records = await this.deps.store.provenance(doc);
    const member = records.findLast((r) => r.userId === who.userId);
    if (!member) throw new HistoryError(404, "not_found", "that member has no edits in this document");
    return this.change(doc, claims, { kind: "revert", ...who }, `Reverted ${member.name}’s changes`);
  }

  /** Renames a named or restore version; a hand-in is locked, an automatic one is the relay's. */
  async renameVersion(doc: string, id: string, name: string): Promise<"done" | "not_found" | "locked" | "automatic"> {
    if (parseAutoId(id)) return (await this.versions(doc)).some((v) => v.id === id) ? "automatic" : "not_found";
    return this.deps.store.renameVersion(doc, id, name);
  }

  async deleteVersion(doc: string, id: string): Promise<"done" | "not_found" | "locked" | "automatic"> {
    if (parseAutoId(id)) return (await this.versions(doc)).some((v) => v.id === id) ? "automatic" : "not_found";
    return this.deps.store.deleteVersion(doc, id);
  }

  async contributions(doc: string): Promise<Contribution[]> {
    await this.readable(doc);
    return this.deps.index.contributions(doc);
  }

  /** What the web app needs to draw attribution, diffs and replay itself: bounded pages. */
  async history(doc: string, afterSeq: number, limit: number) {
    await this.readable(doc);
    const { store } = this.deps;
    const page = await store.provenance(doc, { afterSeq, limit: limit + 1 });
    const records = page.slice(0, limit);
    const all = afterSeq === 0 && page.length <= limit ? records : await store.provenance(doc);
    const bindings = authorBindings(this.deps.clientIds.owners(doc), all);
    const checkpoints = await store.checkpoints(doc);
    const last = records[records.length - 1];
    return {
      records,
      bindings: [...bindings].map(([client, author]) => ({ client, ...author })),
      checkpoints: checkpoints.map((c) => ({ seq: c.seq, at: c.at })),
      next: page.length > limit && last ? last.seq : null,
    };
  }

  private async change(doc: string, claims: TokenClaims, target: PlanTarget, name: string): Promise<ChangeResult> {
    return this.withRoom(doc, async (room) => {
      const { store, clientIds, worker } = this.deps;
      await settled(room);
      // The version just before the change: restoring it undoes the change.
      room.checkpoints.takeNow(true);
      const records = await store.provenance(doc);
      const bindings = authorBindings(clientIds.owners(doc), records);
      const clientId = freshClientId(room.doc, bindings);
      const plan = await worker.run({ kind: "plan", state: Y.encodeStateAsUpdate(room.doc), records, bindings: [...bindings], target, clientId });
      if (!plan.ok) throw new HistoryError(500, "plan_failed", `could not compute the change: ${plan.reason}`);
      if (plan.update === null) return { changed: false, restoredChars: 0, deletedChars: 0 };
      const check = checkUpdate(plan.update);
      if (check.ok !== true) throw new HistoryError(500, "plan_failed", "the computed change does not decode");
      // Bound before it is staged, like a socket's first update under a new id (S2).
      clientIds.bind(doc, clientId, claims.sub);
      await settled(room);
      room.checkpoints.takeNow();
      await commitAsRelay(room, claims, plan.update, { structRanges: check.structRanges, deletes: check.deletes });
      room.checkpoints.takeNow();
      const snapshot = Y.encodeSnapshot(Y.snapshot(room.doc));
      const version = await store.addVersion(doc, { kind: "restore", name, at: Date.now(), userId: claims.sub, userName: claims.name, snapshot });
      return { changed: true, id: version.id, restoredChars: plan.restoredChars, deletedChars: plan.deletedChars };
    });
  }

  private async withRoom<T>(doc: string, run: (room: DocumentRoom) => Promise<T>): Promise<T> {
    const opened = await this.deps.registry.open(doc);
    if (!opened) throw new HistoryError(503, "unavailable", "the document is unavailable right now (loading failed or quarantined)");
    try {
      return await run(opened.room);
    } finally {
      opened.release();
    }
  }

  private async find(doc: string, id: string): Promise<VersionEntry> {
    const entry = (await this.versions(doc)).find((v) => v.id === id);
    if (!entry) throw new HistoryError(404, "not_found", `no version ${id} in this document`);
    return entry;
  }

  private async readable(doc: string): Promise<void> {
    if ((await this.deps.store.quarantineReason(doc)) !== null) {
      throw new HistoryError(503, "unavailable", "the document is unavailable: its stored data failed to load (quarantined)");
    }
  }
}

/** A Yjs client id no one has used in this doc (the restorer's own, never a live peer's). */
function freshClientId(doc: Y.Doc, bindings: ReadonlyMap<number, unknown>): number {
  for (;;) {
    const id = randomInt(1, 2 ** 32 - 1);
    if (!doc.store.clients.has(id) && !bindings.has(id)) return id;
  }
}

