/**
 * @module RelayServer
 * Wires the relay together: SQLite stores, the decode worker, the rooms, the websocket sync
 * endpoint and the Hono HTTP app (healthz, workspace API, static web app).
 */
import type { Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { hostname } from "node:os";
import { join } from "node:path";
import type { AddressInfo, Server as NetServer } from "node:net";
import type { Server as HttpsServer } from "node:https";
import { createAdaptorServer, serve } from "@hono/node-server";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { CloseCode } from "@quire/core";
import { TrustedJwks, loadOrCreateOperatorToken } from "@quire/auth";
import { InProcessBus, type RoomBus } from "@quire/bus";
import { ClassAccess } from "./access/ClassAccess.ts";
import { IndexSplitter } from "./class-index/IndexSplitter.ts";
import { ClassWatcher } from "./access/ClassWatcher.ts";
import { MemberActivity } from "./access/MemberActivity.ts";
import { TokenService } from "./auth/TokenService.ts";
import { apiError } from "./http/api-error.ts";
import type { RelayConfig } from "./config.ts";
import { HistoryIndex, MAX_QUEUED_INDEX_JOBS } from "./history/HistoryIndex.ts";
import { HistoryService } from "./history/HistoryService.ts";
import { PlanWorker } from "./history/PlanWorker.ts";
import { VersionListCache } from "./history/VersionListCache.ts";
import { VersionUpdateCache } from "./history/VersionUpdateCache.ts";
import { historyApi } from "./http/history-api.ts";
import { mountHealthz } from "./http/healthz.ts";
import { JWKS_PATH, mountJwks } from "./http/jwks.ts";
import { requestTimeoutOptions } from "./http/request-timeouts.ts";
import { mountShareLinksApi } from "./http/share-links-api.ts";
import { mountStatic } from "./http/static-app.ts";
import { mountUsageApi } from "./http/usage-api.ts";
import { mountWorkspaceApi } from "./http/workspace-api.ts";
import { log } from "./log.ts";
import { Compactor } from "./storage/Compactor.ts";
import { ProvenanceRetention } from "./storage/ProvenanceRetention.ts";
import { RelayDocumentStore as DocumentStore } from "./storage/RelayDocumentStore.ts";
import { RevocationStore } from "./storage/RevocationStore.ts";
import { ShareLinks } from "./storage/ShareLinks.ts";
import { StorageUsage } from "@quire/storage-sqlite";
import { ClassDocuments } from "./storage/ClassDocuments.ts";
import { ClassStore } from "./storage/ClassStore.ts";
import { IndexSplits } from "./storage/IndexSplits.ts";
import { JoinRequests } from "./storage/JoinRequests.ts";
import { WorkspaceStore } from "./storage/WorkspaceStore.ts";
import { WorkspaceRegistrations } from "./storage/WorkspaceRegistrations.ts";
import { WalCheckpointer } from "./storage/WalCheckpointer.ts";
import { BackupScheduler } from "./backup/BackupScheduler.ts";
import { ClientIdStore } from "@quire/storage-sqlite";
import { capDatabaseSize, DATABASE_FILE, type Db, openDatabase } from "@quire/storage-sqlite";
import { DecodeWorker } from "./sync/DecodeWorker.ts";
import { RoomRegistry } from "./sync/RoomRegistry.ts";
import { type RoomHook, RoomHooks } from "./sync/room-hooks.ts";
import { RevocationWatcher } from "./sync/RevocationWatcher.ts";
import { SyncEndpoint } from "./sync/SyncEndpoint.ts";
import { mountHubCredentialApi } from "./hub/hub-credential-api.ts";
import { mountHubStatusApi } from "./hub/hub-status-api.ts";
import { HubRoster } from "./hub/HubRoster.ts";
import { HubStore } from "./hub/HubStore.ts";
import { Replicator } from "./hub/Replicator.ts";
import { mountUpstreamApi } from "./hub/upstream-api.ts";
import { LanTls } from "./lan/LanTls.ts";
import { MdnsAnnouncer } from "./lan/MdnsAnnouncer.ts";
import { mountCaCertificate } from "./lan/ca-certificate-route.ts";
import { samePortListener } from "./lan/same-port-listener.ts";

/** What a relay is built with beyond its configuration (code, not environment). */
export interface RelayServerOptions {
  /**
   * This node's view of the room bus shared with the other relay nodes serving the same docs
   * (and the same storage). Default: a bus of its own, i.e. no other node.
   */
  bus?: RoomBus;
  /** Features that follow the room life cycle (history, upstream replication); see room-hooks.ts. */
  hooks?: readonly RoomHook[];
  /**
   * The decode worker's script. Default: decode-worker.js beside this module, as bundled in
   * dist/; a relay built in-process from the TypeScript source (tests) points at the built one.
   * The history worker (history-worker.js) is taken from the same directory.
   */
  workerUrl?: URL;
}

export class RelayServer {
  private server: Server | null = null;
  /** With TLS on: the port's listener, which hands connections to `server` (same-port-listener.ts). */
  private listener: NetServer | null = null;
  private readonly db: Db;
  private readonly documents: DocumentStore;
  private readonly decoder: DecodeWorker;
  private readonly compactionWorker: DecodeWorker;
  private readonly walCheckpointer: WalCheckpointer;
  private readonly backups: BackupScheduler;
  private readonly planWorker: PlanWorker;
  private readonly indexWorker: PlanWorker;
  private readonly registry: RoomRegistry;
  private readonly indexes: IndexSplitter;
  private readonly endpoint: SyncEndpoint;
  private readonly revocationWatcher: RevocationWatcher;
  private readonly classWatcher: ClassWatcher;
  private readonly retention: ProvenanceRetention;
  /** Hub mode's link to the upstream (UPSTREAM_URL), or null. */
  readonly replicator: Replicator | null = null;
  readonly app = new Hono();
  /** HTTPS on the LAN (TLS=auto or files), or null for plain http. */
  readonly tls: LanTls | null = null;
  private readonly mdns = new MdnsAnnouncer();

  constructor(
    readonly config: RelayConfig,
    options: RelayServerOptions = {},
  ) {
    const workerUrl = options.workerUrl ?? new URL("./decode-worker.js", import.meta.url);
    // Hub mode: a local commit brings the next replication pass forward (bound once built).
    let onLocalCommit = (_doc: string) => {};
    const hubHook: RoomHook = { name: "hub-replication", committed: (event) => onLocalCommit(event.doc) };
    // A group's index doc got a new entry: its document is put in that group (IndexSplitter).
    let onIndexCommit = (_doc: string) => {};
    const indexHook: RoomHook = { name: "index-placement", committed: (event) => onIndexCommit(event.doc) };
    const hooks = new RoomHooks([...(options.hooks ?? []), ...(config.hub ? [hubHook] : []), indexHook]);
    // A hub trusts its upstream's keys: live from its JWKS URL (a key rotated upstream is
    // seen on its first token) and from the copy it cached in DATA_DIR (Replicator), so
    // students with upstream tokens get in while the uplink is down, across restarts (a
    // source that fails keeps its last good keys).
    const hubKeySources = config.hub ? [`${config.hub.upstreamUrl}${JWKS_PATH}`, Replicator.jwksCachePath(config.dataDir)] : [];
    const trustedSources = [...config.trustedJwks, ...hubKeySources];
    const trusted = trustedSources.length > 0 ? new TrustedJwks(trustedSources, {}, (source, message) => log.warn("trusted JWKS unreadable", { source, error: message })) : null;
    // Read the trusted keys now so the first token from another issuer does not wait for them.
    void trusted?.refresh();
    const tokens = new TokenService(config.dataDir, trusted);
    // The WAL is checkpointed from the compaction worker (WalCheckpointer), never inside a commit.
    // Capped (STORAGE_MAX_BYTES) only once every store below created its tables: see capDatabaseSize.
    this.db = openDatabase(config.dataDir, { autoCheckpoint: false });
    const databaseFile = join(config.dataDir, DATABASE_FILE);
    const usage = new StorageUsage(this.db, config.limits);
    this.decoder = new DecodeWorker(workerUrl, config.limits.decodeBudgetMs);
    const documents = new DocumentStore(this.db, usage);
    this.documents = documents;
    const revocations = new RevocationStore(this.db);
    // Compaction gets its own worker, with its own database connection: a long background
    // merge must not hold up the checks of live updates and the loads clients wait for, and
    // its reads, writes, vacuum and the WAL checkpoints stay off the event loop (issue 17).
    this.compactionWorker = new DecodeWorker(workerUrl, config.limits.storedDataBudgetMs);
    const compactor = new Compactor(usage, this.compactionWorker, {
      databaseFile,
      budgetMs: config.limits.storedDataBudgetMs,
      retryMs: config.limits.compactionRetryMs,
    });
    this.walCheckpointer = new WalCheckpointer(this.db, this.compactionWorker, databaseFile, config.limits.walCheckpointMs);
    this.walCheckpointer.start();
    this.backups = new BackupScheduler(this.db, config.dataDir, config.backup, new URL("./backup-check-worker.js", workerUrl));
    const bus = options.bus ?? new InProcessBus().node();
    const clientIds = new ClientIdStore(this.db);
    this.registry = new RoomRegistry(documents, this.decoder, compactor, config.limits, clientIds, bus, hooks, workerUrl, Boolean(config.hub));
    this.planWorker = new PlanWorker(new URL("./history-worker.js", workerUrl), config.limits.historyPlanBudgetMs, config.limits.historyMaxQueuedPlans);
    // The history index has a worker of its own (same entry, same wrapper): a version view
    // must not wait seconds behind someone's restore plan, nor run on the event loop.
    this.indexWorker = new PlanWorker(new URL("./history-worker.js", workerUrl), config.limits.historyPlanBudgetMs, MAX_QUEUED_INDEX_JOBS);
    const history = new HistoryService({
      store: documents,
      clientIds,
      registry: this.registry,
      worker: this.planWorker,
      index: new HistoryIndex(this.indexWorker, config.dataDir, config.limits),
      lists: new VersionListCache(documents),
      updates: new VersionUpdateCache(config.limits.historyVersionCacheBytes),
    });
    // Retention rewrites old records without touching the newest one: what was derived goes.
    this.retention = new ProvenanceRetention(documents, config.limits.provenanceRetentionDays, Date.now, (doc) => history.forget(doc));
    const workspaces = new WorkspaceStore(this.db);
    const classes = new ClassStore(this.db);
    const classDocuments = new ClassDocuments(this.db, classes);
    const splits = new IndexSplits(this.db);
    const joins = new JoinRequests(this.db, classes);
    const shareLinks = new ShareLinks(this.db);
    // A hub decides access for its classes by the roster it mirrors from the upstream.
    const hubRoster = config.hub ? new HubRoster(this.db, classes) : null;
    const mirrored = new Set(config.hub?.classes ?? []);
    const access = new ClassAccess(workspaces, classes, classDocuments, joins, shareLinks, mirrored, splits);
    // A hub's mirrored classes are split by their upstream (the parts replicate down), never here.
    const indexes = new IndexSplitter({ registry: this.registry, classes, documents: classDocuments, splits, mirrored });
    this.indexes = indexes;
    onIndexCommit = (doc) => indexes.committed(doc);
    this.endpoint = new SyncEndpoint(this.registry, tokens, revocations, config.limits, hooks, access, new MemberActivity(classes));
    this.revocationWatcher = new RevocationWatcher(revocations, () => this.endpoint.all(), config.limits.revocationPollMs);
    this.classWatcher = new ClassWatcher(classes, access, () => this.endpoint.all(), config.limits.classPollMs);
    const operatorToken = loadOrCreateOperatorToken(config.dataDir, config.operatorToken);
    if (config.hub && trusted && hubRoster) {
      this.replicator = new Replicator({
        hub: config.hub,
        dataDir: config.dataDir,
        limits: config.limits,
        storage: documents,
        registry: this.registry,
        clientIds,
        revocations,
        workspaces,
        store: new HubStore(this.db),
        roster: hubRoster,
        trusted,
      });
      const replicator = this.replicator;
      onLocalCommit = (doc) => replicator.committed(doc);
    }
    mountHubStatusApi(this.app, { replicator: this.replicator, classes: config.hub?.classes ?? [], tokens, revocations, operatorToken, access });
    // Every relay can be a hub's upstream; the calls need a hub credential it issued.
    mountUpstreamApi(this.app, { dataDir: config.dataDir, db: this.db, tokens, revocations, workspaces, classes, access, storage: documents, registry: this.registry, clientIds, limits: config.limits });
    mountHealthz(this.app, { registry: this.registry, endpoint: this.endpoint, startedAt: Date.now(), operatorToken });
    // Before the workspace API, whose catch-all answers unknown /api/* routes with 404.
    mountJwks(this.app, tokens);
    mountUsageApi(this.app, { usage, revocations, tokens });
    const registrations = new WorkspaceRegistrations(this.db, workspaces);
    const mountHistory = (app: Hono) => {
      app.route("/api/docs", historyApi({ history, tokens, revocations, limits: config.limits, access }));
    };
    const mountHubCredentials = (app: Hono) => mountHubCredentialApi(app, { tokens, revocations, workspaces, access });
    const mountShareLinks = (app: Hono) =>
      mountShareLinksApi(app, { tokens, revocations, workspaces, access, classes, links: shareLinks, closeRevoked: () => this.revocationWatcher.poll() });
    // Input that fails before a route's own checks (malformed JSON in a validator) gets the
    // API's JSON error shape, not Hono's plain-text default.
    this.app.onError((error, c) => {
      if (error instanceof HTTPException && error.status < 500 && c.req.path.startsWith("/api/")) return apiError(c, 400, "bad_request", error.message);
      if (error instanceof HTTPException) return error.getResponse();
      log.error("request failed", { path: c.req.path, error: String(error) });
      return apiError(c, 500, "internal", "internal error");
    });
    mountWorkspaceApi(this.app, {
      workspaces,
      registrations,
      revocations,
      tokens,
      limits: config.limits,
      classes,
      documents: classDocuments,
      joins,
      access,
      indexes,
      recheck: () => this.classWatcher.poll(),
      online: (workspace) => this.endpoint.onlineIn(workspace),
      more: [mountHistory, mountHubCredentials, mountShareLinks],
    });
    if (config.lan.tls.mode !== "off") {
      this.tls = new LanTls(config.lan.tls, config.dataDir, config.host, this.displayName());
      mountCaCertificate(this.app, this.tls);
    }
    mountStatic(this.app, config.staticDir);
    capDatabaseSize(this.db, config.limits.storageMaxBytes);
  }

  /** The name the LAN sees (mDNS instance, CA name): the hub's name, or the laptop's. */
  displayName(): string {
    return this.config.hub?.name ?? `Quire relay on ${hostname()}`;
  }

  /** Starts listening; resolves with the bound port and the scheme (https with TLS on). */
  listen(): Promise<{ host: string; port: number; scheme: "http" | "https" }> {
    return new Promise((resolve, reject) => {
      const timeouts = requestTimeoutOptions(this.config.limits.httpRequestTimeoutMs);
      const tls = this.tls;
      const scheme = tls ? "https" : "http";
      const onListening = (info: { port: number }) => {
        if (this.config.lan.mdns) this.mdns.start({ name: this.displayName(), port: info.port, scheme });
        resolve({ host: this.config.host, port: info.port, scheme });
      };
      let server: Server;
      if (tls) {
        // https and a plain-http doorway that redirects to it share the port (same-port-listener.ts).
        server = createAdaptorServer({ fetch: this.app.fetch, createServer: createHttpsServer, serverOptions: { ...timeouts, ...tls.context() } }) as Server;
        const listener = samePortListener(server as unknown as HttpsServer, { caCertificate: () => tls.caCertificate() });
        listener.once("error", reject);
        listener.listen(this.config.port, this.config.host, () => {
          // Node's http(s) server starts its request/headers timeout checks on "listening";
          // this one never listens itself, so it is told (the slow-request defence stays on).
          server.emit("listening");
          onListening(listener.address() as AddressInfo);
        });
        this.listener = listener;
      } else {
        server = serve({ fetch: this.app.fetch, port: this.config.port, hostname: this.config.host, serverOptions: timeouts }, onListening) as Server;
      }
      // A new LAN address (or renewed files) reaches new connections without a restart.
      tls?.start((context) => (server as unknown as import("node:tls").Server).setSecureContext(context));
      server.once("error", reject);
      this.endpoint.attach(server);
      this.server = server;
      this.retention.start();
      this.backups.start();
      this.replicator?.start();
      // Classes with groups from before split indexes (see IndexSplitter).
      void this.indexes.migrate();
    });
  }

  /**
   * Clean shutdown: refuse new sockets, close open ones with 1001, compact and unload every
   * doc (every update was already committed before it was broadcast), close the database.
   */
  async close(): Promise<void> {
    this.tls?.stop();
    await this.mdns.stop();
    await this.replicator?.stop();
    this.revocationWatcher.stop();
    this.classWatcher.stop();
    await this.retention.stop();
    // A backup in progress reads through this.db: it finishes before the database closes.
    await this.backups.stop();
    this.endpoint.stop();
    this.registry.closeAll(CloseCode.GoingAway, "relay shutting down");
    // Let close frames reach the clients before the process exits.
    await this.endpoint.drained(2_000);
    this.listener?.close();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      setTimeout(resolve, 1_000).unref();
    });
    this.walCheckpointer.stop();
    await this.decoder.close();
    await this.compactionWorker.close();
    await this.planWorker.close();
    await this.indexWorker.close();
    // Updates staged in the last turn (none acknowledged yet) are written before closing.
    this.documents.flush();
    try {
      this.db.pragma("wal_checkpoint(TRUNCATE)");
    } catch (error) {
      log.warn("checkpoint on shutdown failed", { error: String(error) });
    }
    this.db.close();
  }
}
