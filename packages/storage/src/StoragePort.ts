/**
 * @module StoragePort
 * What a room needs from storage, and nothing about how it is stored (issue 11, item 2). The
 * SQLite adapter (@quire/storage-sqlite DocumentStore) is the default; every adapter passes
 * `runStoragePortSuite` from @quire/testkit.
 *
 * Invariants every adapter keeps:
 * - Persist before broadcast: `stage` only queues; the adapter writes everything staged in one
 *   event-loop turn as one batch (group commit, bench/FINDINGS.md F1: ~12 µs per update in
 *   SQLite) and then tells each listener once, `committed` or `failed`. A listener is told
 *   `committed` only when all of its rows and their provenance are durable. One listener's rows
 *   failing (its doc no longer fits) does not fail another listener's rows.
 * - Rows of a doc keep the order they were staged in; `load` returns them in that order and
 *   first writes whatever is staged, so a load never misses an accepted update.
 * - Provenance is written in the same transaction as its update, and never by compaction:
 *   `replacePrefix` merges rows but leaves provenance records and checkpoints alone.
 * - The hot path (`stage`, `quotaRefusal`) is synchronous and cheap; everything a network
 *   database would answer over the wire returns a Promise.
 */
import type { Checkpoint, ClockRange, ProvenanceRecord } from "@quire/core";
import type { NewVersion, StoredVersion, VersionChange } from "./versions.ts";

/** Who sent one accepted update and what it carried, stamped by the relay at receive time. */
export interface UpdateProvenance {
  /** Token `sub` of the sender. */
  userId: string;
  /** Display name from the sender's token. */
  name: string;
  /** Relay clock (ms since the epoch) when the update was accepted; never the client's. */
  at: number;
  /** Structs new to the relay, per client id (exact, half-open clock ranges). */
  inserts: ClockRange[];
  /** The update's delete set, per client id of the deleted items. */
  deletes: ClockRange[];
  /**
   * The update arrived as the sender's catch-up in the sync handshake of a new connection
   * (sync step 2), not live: see ProvenanceRecord.catchUp. A catch-up update never shares a
   * record with live ones (canCoalesce). Absent: live.
   */
  catchUp?: boolean;
}

/** Told once the turn's batch holding its staged rows committed, or failed (nothing written). */
export interface CommitListener {
  committed(): void;
  failed(error: unknown): void;
}

export interface StoredUpdates {
  /** The doc's rows, oldest first. */
  updates: Uint8Array[];
  bytes: number;
  /** Position of the newest row read (0 when there are no rows); pass it to `replacePrefix`. */
  maxSeq: number;
  /**
   * Every row is one the relay checked before writing it (a live update that passed the
   * update check and applied to the room's doc, or a merge of such rows) and is unchanged
   * since: applied in order, the rows rebuild the doc without being checked again.
   */
  verified: boolean;
}

export interface ProvenanceQuery {
  /** Only records with `seq` greater than this (default: from the start). */
  afterSeq?: number;
  /** At most this many records (default: all). */
  limit?: number;
}

export interface StoragePort {
  /**
   * Queues `update` (checked and applied by the caller, so stored as verified) with its
   * provenance for this turn's group commit; `listener` then learns the outcome once per batch.
   * Its bytes count against `provenance.userId`'s quotas from now on: ask `quotaRefusal` first.
   */
  stage(doc: string, update: Uint8Array, provenance: UpdateProvenance, listener: CommitListener): void;
  /** Why `writer` may not store `bytes` more in `doc` (a quota is used up), or null. */
  quotaRefusal(doc: string, writer: string, bytes: number): string | null;
  /** Whether anything is staged and not yet written. */
  readonly hasStaged: boolean;
  /** Writes everything staged now (normally it is written at the end of the turn). Never throws. */
  flush(): void;

  /** Every stored row of `doc`, oldest first (staged rows are written first). */
  load(doc: string): Promise<StoredUpdates>;
  /** Appends rows atomically, unverified (an import; checked when loaded). No provenance. */
  append(doc: string, updates: readonly Uint8Array[]): Promise<void>;
  /**
   * Replaces the rows up to `maxSeq` (from a `load`) by `merged`, which the caller rebuilt from
   * exactly those `expectedRows` rows — atomically, and only if they are still those rows
   * (resolves false and changes nothing otherwise). Later rows stay, after `merged`.
   * Provenance records and checkpoints are untouched.
   */
  replacePrefix(doc: string, maxSeq: number, expectedRows: number, merged: Uint8Array): Promise<boolean>;

  /** Marks `doc` as not loadable: never served until an operator repairs it. */
  quarantine(doc: string, reason: string): Promise<void>;
  /** Why `doc` is quarantined, or null. */
  quarantineReason(doc: string): Promise<string | null>;
  /** Names of the docs with stored rows, sorted. */
  listDocs(): Promise<string[]>;

  /** Provenance records of `doc` in the order the updates were accepted. */
  provenance(doc: string, query?: ProvenanceQuery): Promise<ProvenanceRecord[]>;
  /**
   * Stores a checkpoint of `doc` (a `Y.encodeSnapshot`) taken at relay time `at` over every
   * update committed so far; its `seq` is that of the newest provenance record (0 if none).
   */
  addCheckpoint(doc: string, at: number, snapshot: Uint8Array): Promise<Checkpoint>;
  /** Checkpoints of `doc`, oldest first. */
  checkpoints(doc: string): Promise<Checkpoint[]>;

  /**
   * Stores a version a person made (named, hand-in, restore; see versions.ts); its `seq` is
   * that of the newest provenance record, its id new and opaque.
   */
  addVersion(doc: string, version: NewVersion): Promise<StoredVersion>;
  /** The versions of `doc`, oldest first. */
  versions(doc: string): Promise<StoredVersion[]>;
  /** A hand-in's stored update, byte for byte (null: no such hand-in). */
  handInUpdate(doc: string, id: string): Promise<Uint8Array | null>;
  /** Renames a version; a hand-in is "locked" and keeps its name. */
  renameVersion(doc: string, id: string, name: string): Promise<VersionChange>;
  /** Deletes a version; a hand-in is "locked" and stays. */
  deleteVersion(doc: string, id: string): Promise<VersionChange>;
}
