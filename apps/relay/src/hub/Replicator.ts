/**
 * @module Replicator
 * A classroom hub's link to its upstream (issue 14, item 2). Whenever the upstream answers,
 * one pass:
 *   1. fetches the upstream's public keys and caches them in DATA_DIR (upstream-jwks.json),
 *      so the hub admits students with upstream tokens while the uplink is down, across
 *      restarts (the relay's TrustedJwks reads that file);
 *   2. copies the upstream's new revocations into the hub's own list (the RevocationWatcher
 *      then closes those sockets here too), and each class's roster, groups, placements and
 *      locks into the hub's class tables (HubRoster), so the hub enforces them on the LAN;
 *   3. for every class the credential names, compares each document's digest (state vector
 *      + delete set) on both sides and, one document at a time, pulls a sync file of what the
 *      hub lacks (cut against its state vector) and pushes what the upstream lacks (cut
 *      against the upstream's), in pieces of UPSTREAM_MAX_REQUEST_BYTES that each apply on
 *      their own (causal-pieces.ts; a piece that ran out of time is cut smaller next pass).
 *      Both are applied through live rooms per author (apply-replicated.ts), so each side
 *      records who wrote each edit.
 *
 * Invariants:
 * - Progress is per document and lives in the documents themselves: a cut mid-pass leaves
 *   the finished ones equal (skipped next time) and the cut one different (redone). A file
 *   applied twice changes nothing the second time, provenance included.
 * - The LAN class never waits for the uplink: passes run beside the relay's sockets and
 *   only commit through rooms what arrived whole and valid.
 * - Failures back off (1 s doubling to UPSTREAM_RETRY_MAX_MS); a local commit brings the
 *   next pass to UPSTREAM_CHANGE_DELAY_MS from now.
 */
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type TrustedJwks, loadOrCreateKeyRing, parseJwks } from "@quire/auth";
import type { StoragePort } from "@quire/storage";
import type { ClientIdStore } from "@quire/storage-sqlite";
import { readSyncFile } from "@quire/syncfile";
import * as Y from "yjs";
import type { RelayLimits } from "../config.ts";
import { log } from "../log.ts";
import type { RevocationStore } from "../storage/RevocationStore.ts";
import type { WorkspaceStore } from "../storage/WorkspaceStore.ts";
import type { RoomRegistry } from "../sync/RoomRegistry.ts";
import { stateOf } from "../syncfile/export-workspace.ts";
import { relaySigner } from "../syncfile/relay-signer.ts";
import { applyReplicatedFile } from "./apply-replicated.ts";
import { ByteRateLimiter } from "./ByteRateLimiter.ts";
import { classDigests, exportDocumentPieces } from "./class-states.ts";
import { DigestCache } from "./DigestCache.ts";
import type { HubConfig } from "./hub-config.ts";
import type { HubRoster } from "./HubRoster.ts";
import type { HubStore } from "./HubStore.ts";
import { UpstreamClient, UpstreamError } from "./UpstreamClient.ts";
import { UPSTREAM_JWKS_FILE } from "./upstream-jwks-file.ts";

/** The cached upstream JWKS, in DATA_DIR. */
export { UPSTREAM_JWKS_FILE };

/** Smallest push piece after repeated time-outs: ~2 s at the 2 KB/s a 30 %-loss link leaves. */
const MIN_PIECE_BYTES = 4 * 1024;

/** Who upstream changes without a listed author are recorded under on the hub. */
const UPSTREAM_AUTHOR = { userId: "upstream", name: "School server" };

export interface HubStatus {
  hub: { id: string; name: string };
  upstream: string;
  classes: string[];
  /**
   * "syncing": a pass is running; "idle": the last pass finished (documents the upstream
   * refused stay in `pendingDocs`, why in `lastError`); "offline": the upstream was unreachable.
   */
  state: "starting" | "syncing" | "idle" | "offline";
  /** When a pass last finished with every document in sync (ms since epoch), or null. */
  lastSyncedAt: number | null;
  lastAttemptAt: number | null;
  lastError: string | null;
  nextAttemptAt: number | null;
  /** Documents found different in the current (or last) pass and not yet synced. */
  pendingDocs: number;
  /** Bytes over the uplink (request + response bodies) since the hub first synced. */
  bytesSent: number;
  bytesReceived: number;
}

export interface ReplicatorDeps {
  hub: HubConfig;
  dataDir: string;
  limits: RelayLimits;
  storage: StoragePort;
  registry: RoomRegistry;
  clientIds: ClientIdStore;
  revocations: RevocationStore;
  workspaces: WorkspaceStore;
  store: HubStore;
  roster: HubRoster;
  trusted: TrustedJwks;
}

export class Replicator {
  private readonly client: UpstreamClient;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private failures = 0;
  private upstreamKeyIds: string[] = [];
  /** Documents whose last transfer ran out of time: tried after the others (bounded by the class's documents). */
  private readonly slow = new Set<string>();
  /** Push piece sizes cut down for documents whose push ran out of time (UPSTREAM_MAX_REQUEST_BYTES otherwise). */
  private readonly pieceBytes = new Map<string, number>();
  /** This hub's digests between passes (its commits invalidate them: kick). */
  private readonly digests = new DigestCache();
  private readonly current: HubStatus;

  constructor(private readonly deps: ReplicatorDeps) {
    const { hub, limits } = deps;
    this.client = new UpstreamClient(hub.upstreamUrl, hub.credential, new ByteRateLimiter(limits.upstreamMaxBytesPerSecond), limits.upstreamRequestTimeoutMs);
    const lastSyncedAt = deps.store.get("lastSyncedAt");
    this.current = {
      hub: { id: hub.hubId, name: hub.name },
      upstream: hub.upstreamUrl,
      classes: hub.classes,
      state: "starting",
      lastSyncedAt: lastSyncedAt > 0 ? lastSyncedAt : null,
      lastAttemptAt: null,
      lastError: null,
      nextAttemptAt: null,
      pendingDocs: 0,
      bytesSent: 0,
      bytesReceived: 0,
    };
  }

  static jwksCachePath(dataDir: string): string {
    return join(dataDir, UPSTREAM_JWKS_FILE);
  }

  status(): HubStatus {
    const totals = this.deps.store.totals();
    return { ...this.current, bytesSent: totals.sent, bytesReceived: totals.received };
  }

  start(): void {
    this.schedule(0);
  }

  /** A commit on the hub to `doc`: its digest is stale; replicate soon (no sooner than a pass already due). */
  kick(doc?: string): void {
    if (doc !== undefined) this.digests.invalidate(doc);
    if (this.stopped || this.current.state === "offline") return;
    const at = Date.now() + this.deps.limits.upstreamChangeDelayMs;
    if (this.current.nextAttemptAt === null || at < this.current.nextAttemptAt) this.schedule(this.deps.limits.upstreamChangeDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) await Promise.race([this.running, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.current.nextAttemptAt = Date.now() + ms;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.current.nextAttemptAt = null;
      if (this.running) {
        // A pass is under way: run again right after it (it may have missed this change).
        void this.running.then(() => this.schedule(0));
        return;
      }
      this.running = this.pass().finally(() => {
        this.running = null;
      });
    }, ms);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    this.current.state = "syncing";
    this.current.lastAttemptAt = Date.now();
    try {
      await this.refreshKeys();
      await this.copyRevocations();
      // The roster before the documents: who may read what on the LAN is settled first.
      for (const classId of this.deps.hub.classes) {
        if (this.deps.roster.apply(classId, await this.client.roster(classId))) log.info("hub: class roster updated from the upstream", { class: classId });
      }
      const work: { classId: string; doc: string; remote: { digest: string; sv: Uint8Array } | undefined }[] = [];
      for (const classId of this.deps.hub.classes) {
        const remote = await this.client.digests(classId);
        const local = await classDigests(this.deps.storage, classId, this.digests);
        for (const doc of [...new Set([...remote.keys(), ...local.keys()])].sort()) {
          if (remote.get(doc)?.digest !== local.get(doc)?.digest) work.push({ classId, doc, remote: remote.get(doc) });
        }
      }
      // Documents that ran out of time last pass go last, so the others are not held up behind them.
      work.sort((a, b) => Number(this.slow.has(a.doc)) - Number(this.slow.has(b.doc)));
      this.current.pendingDocs = work.length;
      const refused: string[] = [];
      for (const item of work) {
        if (this.stopped) return;
        try {
          await this.syncDocument(item.classId, item.doc, item.remote?.sv ?? null);
          this.slow.delete(item.doc);
          this.current.pendingDocs -= 1;
        } catch (error) {
          if (error instanceof UpstreamError && error.tooSlow) {
            this.slow.add(item.doc);
            // Smaller pieces next time: what arrived is kept, the rest goes in pieces the link can carry.
            const size = this.pieceBytes.get(item.doc) ?? this.deps.limits.upstreamMaxRequestBytes;
            this.pieceBytes.set(item.doc, Math.max(MIN_PIECE_BYTES, Math.floor((size > 0 ? size : MIN_PIECE_BYTES * 64) / 4)));
          }
          // A lost link ends the pass (backoff). A document too slow for the link this time
          // (the upstream's deadline) or one the upstream refuses (an author it does not know,
          // a quarantined copy) must not hold up the class's other documents.
          if (!(error instanceof UpstreamError) || error.linkDown) throw error;
          refused.push(`${item.doc}: ${error.message}`);
          if (error.tooSlow) log.warn("hub replication: document did not cross the link in time; retried next pass", { doc: item.doc, error: error.message });
          else log.warn("hub replication: document refused", { doc: item.doc, error: error.message });
        }
      }
      this.failures = 0;
      this.current.state = "idle";
      this.current.lastError = refused.length > 0 ? refused.join("; ").slice(0, 2_000) : null;
      // "Last synced" claims that everything was in sync then: not while a document is refused.
      if (refused.length === 0) {
        this.current.lastSyncedAt = Date.now();
        this.deps.store.set("lastSyncedAt", this.current.lastSyncedAt);
      }
      this.schedule(this.deps.limits.upstreamSyncIntervalMs);
    } catch (error) {
      this.failures += 1;
      this.current.state = "offline";
      this.current.lastError = error instanceof Error ? error.message : String(error);
      const wait = Math.min(this.deps.limits.upstreamRetryMaxMs, 1_000 * 2 ** Math.min(this.failures - 1, 20));
      log.warn("hub replication failed; retrying", { error: this.current.lastError, retryInMs: wait });
      this.schedule(wait);
    }
  }

  private async refreshKeys(): Promise<void> {
    const text = await this.client.jwks();
    const parsed = parseJwks(JSON.parse(text));
    if (!parsed.ok) throw new Error(`the upstream's JWKS is invalid: ${parsed.message}`);
    this.upstreamKeyIds = parsed.keys.map((key) => key.kid);
    // Atomic: a hub that dies mid-write must still find the last good keys at its next start.
    const path = Replicator.jwksCachePath(this.deps.dataDir);
    writeFileSync(`${path}.tmp`, JSON.stringify({ keys: parsed.keys }), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
    await this.deps.trusted.refresh();
  }

  private async copyRevocations(): Promise<void> {
    let after = this.deps.store.get("revocationsAfter");
    for (;;) {
      const revoked = await this.client.revocations(after);
      for (const { rowid, jti } of revoked) {
        this.deps.revocations.revoke(jti);
        after = Math.max(after, rowid);
      }
      this.deps.store.set("revocationsAfter", after);
      if (revoked.length < 1_000) return;
    }
  }

  private async syncDocument(classId: string, doc: string, remoteSv: Uint8Array | null): Promise<void> {
    const sent = this.client.sent;
    const received = this.client.received;
    const known = (await this.deps.storage.listDocs()).includes(doc);
    const { deps } = this;
    // Pull first: what the hub lacks, cut against its state vector, signed by the upstream, in
    // causal pieces (each applied as it arrives; the next asked for with the new state vector).
    const maxBytes = this.pieceBytes.get(doc) ?? deps.limits.upstreamMaxRequestBytes;
    let hasDoc = known;
    let previous: Uint8Array | null = null;
    for (;;) {
      const since = hasDoc ? Y.encodeStateVectorFromUpdate(await stateOf(deps.storage, doc)) : new Uint8Array(0);
      // A piece that moved nothing (only deletions left) ends the loop: the rest comes whole next pass.
      if (previous && Buffer.from(previous).equals(since)) break;
      previous = since;
      const pulled = await this.client.pull(classId, doc, since, maxBytes);
      if (!pulled) break;
      const file = readSyncFile(pulled.file, { expectedWorkspace: classId, knownKeyIds: this.upstreamKeyIds });
      if (!file.signedBy.known) throw new Error(`${doc}: the upstream's file is signed by a key it does not publish`);
      await applyReplicatedFile(deps, file, { authorAccess: null, commentCheckSteps: deps.limits.commentCheckSteps, unattributed: UPSTREAM_AUTHOR });
      hasDoc = true;
      if (!pulled.more) break;
    }
    // Then push what the upstream lacks, with its authors.
    if (known || (await deps.storage.listDocs()).includes(doc)) {
      const workspace = { id: classId, name: deps.workspaces.get(classId)?.name ?? classId };
      const signer = relaySigner(loadOrCreateKeyRing(deps.dataDir), `Classroom hub ${deps.hub.name}`);
      for (const file of await exportDocumentPieces(deps.storage, workspace, signer, doc, remoteSv, maxBytes)) await this.client.push(classId, file);
      this.pieceBytes.delete(doc);
    }
    // The pull committed through the rooms (the hook invalidated it too); said here as well so a
    // cache never outlives what this pass wrote.
    this.digests.invalidate(doc);
    deps.store.synced(doc, Date.now(), this.client.sent - sent, this.client.received - received);
  }
}
