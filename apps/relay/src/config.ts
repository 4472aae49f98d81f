/**
 * @module config
 * Relay configuration from the environment. Every limit defaults to DEFAULT_LIMITS (see
 * @quire/core limits.ts for the reasons) and can be overridden by an env var of the same
 * name in SCREAMING_SNAKE_CASE (maxMessageBytes → MAX_MESSAGE_BYTES).
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TrustedJwks } from "@quire/auth";
import { DEFAULT_LIMITS, type Limits } from "@quire/core";
import { type HubConfig, parseHubConfig } from "./hub/hub-config.ts";
import { type BackupSchedule, parseBackupConfig } from "./backup/backup-config.ts";
import { type LanConfig, parseLanConfig } from "./lan/tls-config.ts";

export interface RelayLimits extends Limits {
  /** Updates larger than this are decoded in a worker thread under decodeBudgetMs. */
  workerDecodeThresholdBytes: number;
  /** POST /api/* requests allowed per IP per minute (workspace creation, joins, refresh). */
  apiRequestsPerMinute: number;
  /** Largest accepted HTTP API body (JSON of a few short strings). */
  maxApiBodyBytes: number;
  /** Cap on the SQLite file size in bytes (0 = none); writes beyond it fail with 4507. */
  storageMaxBytes: number;
  /** Formatting marks (Y.Text format structs) one update may carry. */
  maxFormatMarksPerUpdate: number;
  /** Second-chance budget for rebuilding already-accepted stored data (load retry, compaction). */
  storedDataBudgetMs: number;
  /** How long an update that deletes not-yet-known clocks is held before it is refused. */
  heldUpdateGraceMs: number;
  /** Updates with more structs than this are trial-integrated in the worker first (S1). */
  trialAboveStructs: number;
  /** Integration time allowed for one update (+100 ms per MiB); beyond it 4413 (S1). */
  integrateBudgetMs: number;
  /** Main-thread integration time one user may use per cpuBudgetWindowMs; beyond it 4530 (S1). */
  cpuBudgetMs: number;
  cpuBudgetWindowMs: number;
  /** Bytes the relay may hold unsent for one socket before closing it with 4531 (S3). */
  maxSendBufferBytes: number;
  /** Presence (awareness) client ids one socket may keep live at once (S4). */
  maxAwarenessIdsPerSocket: number;
  /** Documents one `/mux` socket may have open at once; one more is closed with 4529 (issue 17). */
  maxMuxChannels: number;
  /** permessage-deflate window (9–15 bits) on `/mux` sockets; 0 turns compression off (issue 17). */
  muxDeflateWindowBits: number;
  /** Stored bytes allowed per workspace (0 = none); writes beyond it are refused with 4532. */
  workspaceQuotaBytes: number;
  /** Stored bytes one member (token `sub`) may write (0 = none); beyond it 4532. */
  userQuotaBytes: number;
  /** Failed joins (unknown code) one address may make per minute; beyond it 429 (S6). */
  joinFailuresPerMinutePerIp: number;
  /** Failed joins all addresses together may make per minute; beyond it every join gets 429 (S6). */
  joinFailuresPerMinute: number;
  /** Joins one code admits per minute (S6). */
  joinsPerCodePerMinute: number;
  /** Days after first access (token `auth_time`) within which a token can be refreshed (S6). */
  maxTokenAgeDays: number;
  /** How often the relay looks for newly revoked tokens to close their open sockets (S6). */
  revocationPollMs: number;
  /** How often the relay looks for class changes (another process's) to re-check open sockets (issue 13). */
  classPollMs: number;
  /** Whole-request deadline for HTTP requests, headers and body (S7). */
  httpRequestTimeoutMs: number;
  /** A doc with no update for this long has ended an editing burst: it gets a checkpoint. */
  checkpointIdleMs: number;
  /** Burst-end checkpoints of one doc are at least this far apart (compaction and unload always take one). */
  checkpointMinIntervalMs: number;
  /** How often the compaction worker copies the WAL into the database file (PASSIVE checkpoint). */
  walCheckpointMs: number;
  /** After a failed compaction of a doc, the next attempt waits at least this long. */
  compactionRetryMs: number;
  /**
   * Days fine-grained provenance (one record per typing run) is kept; older records are
   * coarsened to one per member per session (docs/privacy.md). 0 keeps them for ever.
   */
  provenanceRetentionDays: number;
  /** Checkpoints right after a device's offline work arrived are at least this far apart. */
  checkpointCatchUpIntervalMs: number;
  /** Docs whose history index (DocHistory) the relay keeps for the history API. */
  historyCacheDocs: number;
  /** Least time between two rebuilds of one doc's history index while it is being edited. */
  historyRebuildDebounceMs: number;
  /** Bytes of built version updates kept, by version id. */
  historyVersionCacheBytes: number;
  /** Longest a restore or revert plan may take in the history worker. */
  historyPlanBudgetMs: number;
  /** Restore / revert plans waiting for the history worker; more are refused (503). */
  historyMaxQueuedPlans: number;
  /** Most provenance records one GET /history page returns. */
  historyPageRecords: number;
  /** Lookups allowed to check that a commenter's update writes only comments (issue 15). */
  commentCheckSteps: number;
  /** Hub mode: bytes per second the hub may send plus receive over the uplink (0 = no cap). */
  upstreamMaxBytesPerSecond: number;
  /** Hub mode: how often the hub compares its classes with the upstream when nothing changed here. */
  upstreamSyncIntervalMs: number;
  /** Hub mode: a local change starts a replication pass this long after it (edits come in bursts). */
  upstreamChangeDelayMs: number;
  /** Hub mode: the longest wait between retries while the upstream is unreachable (backoff from 1 s). */
  upstreamRetryMaxMs: number;
  /** Hub mode: one request to the upstream may take this long. */
  upstreamRequestTimeoutMs: number;
  /**
   * Hub mode: a document pushed in one request is cut into pieces of about this many bytes
   * that each apply on their own (hub/causal-pieces.ts); 0 pushes whole documents.
   */
  upstreamMaxRequestBytes: number;
  /** Upstream: largest sync file a hub may push in one request. */
  hubMaxPushBytes: number;
}

export interface RelayConfig {
  host: string;
  port: number;
  dataDir: string;
  staticDir: string;
  logLevel: string;
  limits: RelayLimits;
  /** OPERATOR_TOKEN: unlocks /healthz detail; unset → generated in DATA_DIR (@quire/auth operator-token.ts). */
  operatorToken?: string;
  /**
   * TRUSTED_JWKS: comma-separated JWKS file paths or http(s) URLs (e.g. another relay's
   * /.well-known/jwks.json) whose keys this relay also accepts tokens from. Empty: only its own.
   */
  trustedJwks: string[];
  /** Hub mode (UPSTREAM_URL + UPSTREAM_CREDENTIAL), or null for an ordinary relay (hub/hub-config.ts). */
  hub: HubConfig | null;
  /** Scheduled backups (BACKUP_INTERVAL_HOURS, BACKUP_DIR, BACKUP_KEEP; backup/backup-config.ts). */
  backup: BackupSchedule;
  /** HTTPS and mDNS on the LAN (TLS, TLS_CERT_FILE, TLS_KEY_FILE, MDNS; lan/tls-config.ts). */
  lan: LanConfig;
}

export const RELAY_DEFAULT_LIMITS: RelayLimits = {
  ...DEFAULT_LIMITS,
  // Small updates (typing) decode in microseconds; spinning a worker for them costs more
  // than any hang risk, and their decode time is bounded by their size.
  workerDecodeThresholdBytes: 256 * 1024,
  // Workspace creation, joins and refreshes from one address. A whole school shares one NAT
  // address (security finding S6: 120 locked a school out); guessing join codes is held by
  // the join-failure budgets below, so this only bounds one address's churn.
  apiRequestsPerMinute: 600,
  maxApiBodyBytes: 16 * 1024,
  storageMaxBytes: 0,
  // Integrating formatting marks is super-linear in Yjs (≈ 300 ms for one 66 KB update with
  // 2,000 marks on this machine; FINDINGS.md F4): an editor could stall every room and make
  // a doc slow to load. Quire's Lexical binding uses embeds, not marks; a long rich-text
  // paste from a Quill-style client stays well under 1,000 marks.
  maxFormatMarksPerUpdate: 1_000,
  // Stored data was validated when it was accepted; a slow load is not a hang, so the retry
  // and background compaction get a minute before the doc is refused (FINDINGS.md F4).
  storedDataBudgetMs: 60_000,
  // Covers a tab's socket lagging behind its sibling tab's (BroadcastChannel) by a network
  // round trip or a reconnect; a hostile "future delete" is refused after it (FINDINGS F2).
  heldUpdateGraceMs: 5_000,
  // Issue 12: checkpoints let history show "the doc as of 10:42" without replaying everything
  // (Etherpad's timeslider slows past ~10k revisions, #5408). 30 s without an update is a
  // pause, not a thought between sentences (typing sends updates every few hundred ms); a
  // snapshot walks every struct of the doc (tens of ms for a long report), so a doc edited
  // in short bursts all day gets at most one every 5 minutes — finer than sessions
  // (≥ 10 minutes apart), coarse enough to cost nothing noticeable.
  checkpointIdleMs: 30_000,
  checkpointMinIntervalMs: 300_000,
  // Issue 17 / bench FINDINGS F9: with SQLite's automatic checkpoint, the commit that takes the
  // WAL past 1,000 pages copied it and fsynced on the event loop (up to 125 ms of one group
  // commit). The main connection never checkpoints now; the compaction worker does it this
  // often. Not more often (F19): after each complete checkpoint, the next group commit
  // restarts the WAL, and at synchronous=NORMAL SQLite fsyncs the WAL header inside that
  // commit, on the event loop — at 1 s that was ~1 % of a typing class's commits, the whole
  // fan-out p99 gap to the peers. At 10 s it is ~0.1 %. 10 s of a busy class's typing is a
  // few MiB of WAL at most (a few hundred KiB per second), about the 4 MiB journal_size_limit.
  // Durability is unchanged: a commit is in the WAL (page cache) either way, and the power-
  // loss window of synchronous=NORMAL is set by the OS's writeback (README "Durability").
  walCheckpointMs: 10_000,
  // A compaction that failed (worker crashed or timed out, SQLite busy) is retried on a later
  // commit, but not on every one: 10 s keeps a doc that cannot compact right now from
  // restarting a doomed worker job per keystroke; its rows wait on disk, nothing is lost.
  compactionRetryMs: 10_000,
  // Issue 12 / docs/privacy.md: minute-by-minute timing of a student's writing is needed while
  // a piece of work is being written and graded (a term is ~90 days, a school year's re-grades
  // and appeals come within two terms); after that, sessions are enough to tell the story.
  provenanceRetentionDays: 180,
  // Issue 12: the state right after a device's offline work arrived is a version. A class
  // whose Wi-Fi dropped reconnects within seconds, each with a catch-up: one checkpoint (a
  // whole-doc walk on the main thread) per 10 s covers them all.
  checkpointCatchUpIntervalMs: 10_000,
  // Security review S1: integrating a valid update can be quadratic in Yjs (two 80 KiB
  // updates of inserts at one position: ~8 s), and only the live state shows it. A keystroke
  // is 1–3 structs and stays inline; anything bigger is timed against a copy of the live
  // state in a worker first. 100 ms (+5 µs per struct, see IntegrationGuard) is what the live
  // state may add to one update's integration: an honest paste or offline sync step 2
  // integrates in near-linear time (a 5,000-edit step 2: 107–219 ms for 9,785 structs); the
  // attack is 80x over.
  trialAboveStructs: 32,
  integrateBudgetMs: 100,
  // 10 % of the main thread per user, in bursts of up to 2 s: honest typing costs ~2 ms/s, a
  // large sync step 2 a few hundred ms once; an editor sending cheap-looking updates into a
  // doc crafted to make each one slow (~45 ms) is cut off after ~45 of them (S1).
  cpuBudgetMs: 2_000,
  cpuBudgetWindowMs: 20_000,
  // Security review S3: a viewer that stopped reading and sent 150 sync step 1 requests for a
  // 6 MiB doc grew the relay by 650 MB. 16 MiB holds a large doc's sync reply plus seconds of
  // a busy class's broadcasts for a slow link; one reply into an empty buffer always goes, so
  // a doc larger than this is still served.
  maxSendBufferBytes: 16 * 1024 * 1024,
  // Security review S4: one socket claimed 7,200 presence ids (RSS 65 → 551 MB). A client has
  // one id per doc; a Quire tab whose doc renews its client id briefly has two.
  maxAwarenessIdsPerSocket: 4,
  // Security review S5: one member wrote 175 MiB in 9.5 s and, with history kept forever,
  // could fill the disk for every class. A school report with its history and a few dozen
  // pictures (≤ 1 MiB each) stays well under 64 MiB per member; a class workspace of ~30
  // members under 256 MiB. One member can then use at most a quarter of the workspace, and
  // a relay on a teacher's laptop holds 40 full workspaces in 10 GiB. STORAGE_MAX_BYTES
  // remains the operator's cap on the whole database.
  workspaceQuotaBytes: 256 * 1024 * 1024,
  userQuotaBytes: 64 * 1024 * 1024,
  // Security finding S6: ten addresses made 1,200 guesses in 1.7 s. Only failed joins count,
  // so a class joining with the right code is never held up. 20 a minute per address leaves a
  // school NAT room for its typos; 60 a minute for everyone together bounds guessing from any
  // number of addresses: on a relay of 100 workspaces (200 codes of 31^8 ≈ 8.5e11), a year of
  // guessing at the cap (31.5 M guesses) finds a code with probability ≈ 0.7 %. While it is
  // spent every join waits (a 200 would tell a guesser it hit), so such an attack is noticed;
  // members already in are unaffected.
  joinFailuresPerMinutePerIp: 20,
  joinFailuresPerMinute: 60,
  // A class (or a school assembly with the view-only code) joins within a minute or two; a
  // leaked code cannot mint members in bulk.
  joinsPerCodePerMinute: 120,
  // Security finding S6: a token could be refreshed for ever. A year from joining: a class that
  // joins in September keeps working, a whole term offline included (tokens last 120 days,
  // refreshable 30 days after expiry), until the next school year; then it joins again with
  // the current code, which the owner may have rotated.
  maxTokenAgeDays: 365,
  // Revocation is written by another process (token --revoke); 2 s bounds how long a revoked
  // device keeps its open sockets, at the cost of one indexed query every 2 s.
  revocationPollMs: 2_000,
  // Issue 13: a removed member's sockets must close within a second. Changes made through this
  // relay's API take effect at once; 500 ms bounds those made through another relay process
  // sharing the database, at the cost of one indexed query twice a second.
  classPollMs: 500,
  // Security finding S7: Node's default held a trickled request body for 300 s. API bodies are
  // ≤ 16 KiB and static requests have none; 30 s is ample on a slow school link.
  httpRequestTimeoutMs: 30_000,
  // Issue 12: indexing a long doc's history (B4, 260k edits) takes 0.25–0.75 s and holds the
  // doc twice over (~50–100 MB); a teacher goes through a handful of group reports at a time.
  historyCacheDocs: 4,
  // A doc being typed in changes every few hundred ms; rebuilding its index for every history
  // request would spend most of a core. One rebuild a second at most; answers wait for it.
  historyRebuildDebounceMs: 1_000,
  // A version update is about the size of the doc's visible content (B4: ~200 KB); 64 MiB
  // keeps hundreds, so scrubbing back and forth builds each once.
  historyVersionCacheBytes: 64 * 1024 * 1024,
  // A restore plan on B4 takes ~3 s on an idle core; 60 s leaves room for a loaded machine
  // and still ends a plan that will never finish.
  historyPlanBudgetMs: 60_000,
  // Plans run one at a time (seconds each on a long doc): without a bound, editors clicking
  // restore repeatedly would queue unbounded work and memory (each job holds a doc copy).
  historyMaxQueuedPlans: 8,
  // B4 makes ~13k records of ~200 bytes as JSON: 20,000 per page keeps a page under ~5 MB
  // and a B4-sized doc in one.
  historyPageRecords: 20_000,
  // Issue 15: a commenter's update is checked on the main thread, one binary search per
  // struct, origin hop and deleted struct (~1 µs each). A thread is ~12 structs, so 50,000
  // covers an offline session of ~4,000 comments in one sync step 2, and bounds a crafted
  // update (long origin chains, a delete range over a whole essay) to tens of milliseconds.
  commentCheckSteps: 50_000,
  // Issue 14: a school's metered or shared link (a 3G dongle) must not be eaten by the hub;
  // the operator sets the cap, by default none. Replication works per document, so a cap
  // slows it but never stalls the LAN class (the hub serves from its own storage).
  upstreamMaxBytesPerSecond: 0,
  // Issue 14: an upstream edit reaches the class within half a minute; comparing digests of
  // a class's documents costs one small request per class when nothing changed.
  upstreamSyncIntervalMs: 30_000,
  // A class types in bursts: one pass 2 s after the last commit carries a burst up at once.
  upstreamChangeDelayMs: 2_000,
  // Internet twice a week: retrying every 5 minutes at most notices the link within minutes
  // without hammering a dead route (backoff doubles from 1 s).
  upstreamRetryMaxMs: 300_000,
  // A one-document sync file of several MiB over a slow link (256 kbit/s ≈ 32 KiB/s: 4 MiB
  // in about 2 minutes); a hung connection is given up after it and retried.
  upstreamRequestTimeoutMs: 120_000,
  // One push must cross the uplink within the upstream's HTTP_REQUEST_TIMEOUT_MS (30 s): 512 KiB
  // takes ~16 s on a clean 256 kbit/s link. A piece that runs out of time is cut a quarter as
  // big next pass (down to 4 KiB: ~2 s at the 2 KB/s a 30 %-loss link leaves), so a bad link
  // still carries a large document, piece by piece (hub-faulty-uplink.test.ts).
  upstreamMaxRequestBytes: 512 * 1024,
  // One document's whole history (SYNC_FILE_LIMITS.maxDocumentBytes, 64 MiB) plus its
  // manifest: a push carries one document.
  hubMaxPushBytes: 72 * 1024 * 1024,
  // Each channel holds a Connection with its own queues (MAX_QUEUED_BYTES_BEFORE_READY each), so
  // an unbounded count would let one socket hold what MAX_CONNECTIONS_PER_IP sockets may. The
  // web app needs the open editor, the index parts and 2 background syncs (~6); 64 leaves room
  // for many tabs' worth while one socket still cannot hold more than 64 connections' memory.
  maxMuxChannels: 64,
  // Off: measured on a 10-document reconnect it saved 11 % of the wire bytes after typing and
  // cost 3 % more when idle (its upgrade header), and it would deflate every keystroke the relay
  // fans out to every mux socket, on the CPU path issue 17 is cutting (bench/FINDINGS.md F14).
  // 10 (a 1 KiB window, ~20 KB of zlib state per socket) is the setting to try on a metered link.
  muxDeflateWindowBits: 0,
};

/** `maxMessageBytes` → `MAX_MESSAGE_BYTES`. */
export function envNameOf(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

function parseNonNegativeInt(name: string, raw: string): number {
  if (!/^\d+$/.test(raw.trim())) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  const value = Number(raw.trim());
  if (!Number.isSafeInteger(value)) throw new Error(`${name} is too large: ${raw}`);
  return value;
}

/** Reads the configuration; throws an Error naming the bad variable on invalid input. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const limits: RelayLimits = { ...RELAY_DEFAULT_LIMITS };
  for (const key of Object.keys(limits) as (keyof RelayLimits)[]) {
    const name = envNameOf(key);
    const raw = env[name];
    if (raw !== undefined && raw !== "") limits[key] = parseNonNegativeInt(name, raw);
  }
  if (limits.maxMessageBytes < 1024) throw new Error("MAX_MESSAGE_BYTES must be at least 1024");
  if (limits.muxDeflateWindowBits !== 0 && (limits.muxDeflateWindowBits < 9 || limits.muxDeflateWindowBits > 15)) {
    throw new Error("MUX_DEFLATE_WINDOW_BITS must be 0 (off) or 9–15");
  }
  const port = env.PORT === undefined || env.PORT === "" ? 8787 : parseNonNegativeInt("PORT", env.PORT);
  if (port > 65535) throw new Error(`PORT must be at most 65535, got ${port}`);
  const here = dirname(fileURLToPath(import.meta.url));
  const dataDir = resolve(env.DATA_DIR || "./data");
  const hub = parseHubConfig(env);
  return {
    host: env.HOST || "0.0.0.0",
    port,
    dataDir,
    // dist/main.js → apps/relay/dist → apps/web/dist
    staticDir: resolve(env.STATIC_DIR || resolve(here, "../../web/dist")),
    logLevel: env.LOG_LEVEL || "info",
    limits,
    ...(env.OPERATOR_TOKEN ? { operatorToken: env.OPERATOR_TOKEN } : {}),
    trustedJwks: parseTrustedJwks(env.TRUSTED_JWKS),
    hub,
    backup: parseBackupConfig(env, dataDir),
    lan: parseLanConfig(env, hub !== null),
  };
}

/** TRUSTED_JWKS sources; a relative file path is taken from the working directory. */
function parseTrustedJwks(raw: string | undefined): string[] {
  return TrustedJwks.parseSources(raw).map((source) => {
    if (/^https?:\/\//i.test(source)) {
      if (!URL.canParse(source)) throw new Error(`TRUSTED_JWKS: not a URL: ${source}`);
      return source;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) throw new Error(`TRUSTED_JWKS: only file paths and http(s) URLs, got ${source}`);
    return resolve(source);
  });
}

/**
 * Time budget for rebuilding a doc from `rows` stored updates of `bytes` in total (loading or
 * compacting). Rebuilding a legitimately large doc must not be mistaken for a decoder hang.
 * Measured on this 2-core machine under load (load average ≈ 10): ≈ 1.2 MiB/s for 20 000
 * keystroke rows (≈ 100 µs per row), far faster for few large rows. 500 ms per MiB plus
 * 1 ms per row on top of the base budget leaves ≥ 5x headroom while still bounding a hang.
 */
export function mergeBudgetMs(limits: Pick<RelayLimits, "decodeBudgetMs">, bytes: number, rows: number): number {
  return limits.decodeBudgetMs + Math.ceil(bytes / (1024 * 1024)) * 500 + rows;
}
