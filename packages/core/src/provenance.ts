/**
 * @module provenance
 * What the relay records about every update it accepts, at write time (issue 11, item 3): who
 * sent it, when the relay received it (never the client's clock), and which Yjs structs and
 * deletions it carried. The relay stores it (surviving compaction) and serves it; the history
 * library (packages/history) computes versions, attribution and contributions from it.
 *
 * Invariants:
 * - `userId` is the authenticated sender (the token's `sub`); who *wrote* a struct is the user
 *   its Yjs client id is bound to at the relay (security review S2). They differ only when a
 *   client carries another member's unsynced work (a shared laptop; later a classroom hub).
 * - Times are the relay's clock in ms since the epoch; `firstAt ≤ lastAt`.
 * - A record may stand for several consecutive updates of one sender (a typing run): its
 *   ranges are their union and `updates` counts them. Records of one doc are ordered by `seq`,
 *   the order the relay accepted them, which is causal order.
 * - Ranges are half-open in Yjs clock units (one unit per character of text), `len > 0`.
 */

/** `len` clock units of Yjs client `client` starting at `clock`. */
export interface ClockRange {
  client: number;
  clock: number;
  len: number;
}

export interface ProvenanceRecord {
  /** Increasing per doc, in the order the relay accepted the updates. */
  seq: number;
  /** Token `sub` of the sender. */
  userId: string;
  /** The sender's display name as its token stated it then. */
  name: string;
  /** Relay receive time of the first and the last update in this record. */
  firstAt: number;
  lastAt: number;
  /** Structs that were new to the relay, per client id. */
  inserts: ClockRange[];
  /**
   * Items deleted by these updates, per client id of the deleted items: what applying them
   * deleted in the relay's doc (collect `afterTransaction` delete sets around the apply). That
   * is their delete sets plus Yjs's follow-up formatting cleanup, a second transaction that
   * deletes redundant format items on every peer integrating remote text changes and that no
   * update carries; without it history shows stale bold/italic (packages/history).
   */
  deletes: ClockRange[];
  /** How many updates this record stands for, and their stored size in bytes. */
  updates: number;
  bytes: number;
  /**
   * True when these updates arrived as the sender's catch-up in the sync handshake of a new
   * connection (y-websocket sync step 2), not as live edits: they were written before that
   * connection began, i.e. while the device was offline (or its earlier socket had dropped).
   * The relay cannot know when they were written, only that they were not sent live. Absent
   * means live (or a relay that does not record it).
   */
  catchUp?: boolean;
}

/**
 * A point in the doc's history the relay keeps exactly: a Yjs snapshot (state vector plus
 * delete set, `Y.encodeSnapshot`) taken at `at` after record `seq`. With gc off,
 * `Y.createDocFromSnapshot` rebuilds the doc as it was then.
 */
export interface Checkpoint {
  seq: number;
  at: number;
  snapshot: Uint8Array;
}
