/**
 * @module versions
 * Versions a person made of a document (issue 12, item 2): named versions, hand-ins and
 * restores. Automatic versions are the relay's checkpoints and are not stored here.
 *
 * Invariants every adapter keeps:
 * - A version is stored with the relay time it was taken at and the seq of the doc's newest
 *   provenance record then (as a checkpoint is), plus its exact Yjs snapshot.
 * - Ids are opaque, chosen by the adapter, never reused.
 * - A hand-in never changes and is never deleted: rename and delete answer "locked", and the
 *   adapter refuses any other way of changing it too (SQLite: triggers). Its update bytes are
 *   stored as they were handed in, so their SHA-256 (`contentHash`) stays the same for ever.
 */

export type StoredVersionKind = "named" | "handin" | "restore";

/** What the relay asks to store. */
export interface NewVersion {
  kind: StoredVersionKind;
  /** The name a person gave it (for a restore, what was restored). */
  name: string;
  /** Relay time (ms since the epoch). */
  at: number;
  /** Who made it: token `sub` and display name. */
  userId: string;
  userName: string;
  /** `Y.encodeSnapshot` of the doc when it was made (gc off: rebuilds it exactly). */
  snapshot: Uint8Array;
  /**
   * A hand-in's content: the Yjs update (v1) of the doc as handed in, kept byte for byte, and
   * its SHA-256 (lowercase hex). Absent for other kinds.
   */
  update?: Uint8Array;
  contentHash?: string;
}

export interface StoredVersion {
  id: string;
  kind: StoredVersionKind;
  name: string;
  at: number;
  /** The doc's newest provenance record when the version was made (0: none). */
  seq: number;
  userId: string;
  userName: string;
  snapshot: Uint8Array;
  /** SHA-256 (hex) of a hand-in's stored update; null for other kinds. */
  contentHash: string | null;
}

/** The outcome of renaming or deleting a version. */
export type VersionChange = "done" | "not_found" | "locked";
