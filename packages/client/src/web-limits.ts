/**
 * @module web-limits
 * Client-side limits of the web app's data layer. Each has a default and a reason; the README
 * lists them under "Resource limits".
 */
export const WEB_LIMITS = {
  /**
   * Sockets background sync may hold open at once. A workspace can hold hundreds of docs;
   * one socket per doc would hit the relay's per-IP cap for a whole class behind one school
   * NAT (DEFAULT_LIMITS.maxConnectionsPerIp) and waste the browser's connection pool.
   */
  backgroundSyncConcurrency: 2,
  /** A background sync of one doc that has not synced and been acked by then is retried later. */
  backgroundJobTimeoutMs: 30_000,
  /** First retry delay of a failed background job; doubles per failure up to the max below. */
  backgroundRetryBaseMs: 2_000,
  /** Longest wait before a failed background job is retried. */
  backgroundRetryMaxMs: 60_000,
  /**
   * Longest reconnect backoff of a doc's websocket (y-websocket doubles from 100 ms). 10 s keeps
   * a reconnect after a relay restart prompt without hammering a relay that is down.
   */
  maxReconnectBackoffMs: 10_000,
  /**
   * A long-lived socket (index, open editor) asks the relay for a sync this often when nothing
   * else is said. y-websocket drops a socket after 30 s without a message, and an idle doc with
   * nobody else present sends none: without this the workspace index reconnected (and
   * background sync re-walked every doc) every 30 s. The answer is an empty update, a few bytes.
   */
  keepAliveMs: 10_000,
  /**
   * The page's one `/mux` socket closes this long after its last document channel closed.
   * Background sync closes a document and opens the next back to back; a few seconds keep
   * that from costing a new socket (~1 KB of upgrade) each time, while a page that is done
   * syncing does not hold a socket it no longer uses.
   */
  muxIdleCloseMs: 5_000,
  /**
   * A reconnect re-syncs only the documents that may have changed (SyncedDocs), judged from
   * "last edited" times that other devices' clocks wrote. A writer's clock off by more than a
   * couple of seconds could hide her last seconds of typing from that judgement; walking every
   * document at a reconnect at least this often (~100 bytes a document) bounds how long a copy
   * on this device can stay behind.
   */
  fullResyncIntervalMs: 15 * 60_000,
  /**
   * Rows in a doc's IndexedDB update store before they are merged into one. y-indexeddb only
   * trims at 500 rows within a session and adds a row per load (y-indexeddb#31); merging on
   * load and at this size keeps storage bounded by the doc's size, not its edit count.
   */
  compactAfterRows: 300,
  /** Storage usage/quota ratio at which the app warns that the device is nearly full. */
  nearQuotaRatio: 0.8,
  /** How often usage is re-read while the warning banner is shown (estimate() is cheap). */
  storageRefreshMs: 60_000,
  /** HTTP API calls that take longer are aborted and reported as a network problem. */
  apiTimeoutMs: 15_000,
  /**
   * History calls (version content, restore, revert) may wait for the relay to compute a plan
   * over the whole history off its event loop: ~3 s for a B4-sized doc on a busy relay.
   */
  historyTimeoutMs: 60_000,
  /**
   * First retry of registering a workspace created offline, doubling up to the max below. The
   * browser's "online" event retries at once; the timer covers a relay that comes back while
   * the network stayed up (no event), so the join code appears within a minute of that.
   */
  registrationRetryBaseMs: 2_000,
  registrationRetryMaxMs: 30_000,
} as const;
