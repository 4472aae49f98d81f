/**
 * @module limits
 * Defaults for every resource limit shared by relay and client. Each has a reason; the
 * README lists them under "Resource limits". The relay lets operators override them by env.
 */

export const MiB = 1024 * 1024;

export const DEFAULT_LIMITS = {
  /**
   * Largest websocket frame the relay accepts (8 MiB). A whole report with images pasted
   * inline fits; a 20 MiB frame is refused before it is buffered (ws `maxPayload`).
   */
  maxMessageBytes: 8 * MiB,
  /**
   * Largest single Yjs update we decode from an untrusted peer. Same as the frame limit:
   * the update is the frame's payload.
   */
  maxUpdateBytes: 8 * MiB,
  /**
   * Wall-clock budget for decoding one untrusted update. Yjs decoders have hung on malformed
   * input (yjs#479, yjs#498, lib0#42); a legitimate 8 MiB update decodes in well under 1 s.
   */
  decodeBudgetMs: 2_000,
  /** Messages a socket may send before its document has loaded; beyond this it is closed. */
  maxQueuedMessagesBeforeReady: 100,
  /** Bytes a socket may send before its document has loaded (guards slow loads / floods). */
  maxQueuedBytesBeforeReady: 16 * MiB,
  /**
   * A connection must be authenticated and its doc loaded within this time. Incoming traffic
   * never extends it (hocuspocus advisory GHSA-x5qq-… style slowloris defence).
   */
  authDeadlineMs: 10_000,
  /** Ping interval; a socket that has not answered the previous ping is terminated. */
  pingIntervalMs: 30_000,
  /** Concurrent websocket connections allowed from one IP address (a school NAT is one IP). */
  maxConnectionsPerIp: 500,
  /** Awareness state of one client, JSON-encoded (names, colours, cursors fit in far less). */
  maxAwarenessStateBytes: 64 * 1024,
  /** Delay after a doc's last client leaves before it is saved, compacted and unloaded. */
  unloadDelayMs: 5_000,
  /** Updates stored for one doc before the relay merges them into one row in the background. */
  compactAfterUpdates: 500,
} as const;

export type Limits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };
