/**
 * @module ServerUnderTest
 * Starts Quire's relay and the peers, each in its own process, behind one interface: where a
 * client connects for a doc, how it frames messages, its pid for /proc sampling, and
 * stop/restart on the same port and data dir (for cold joins from persisted state).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RelayProcess } from "@quire/testkit";
import { EventLoopProbe, eventLoopEnv } from "./EventLoopProbe.ts";

export type ServerKind = "quire" | "y-websocket" | "hocuspocus" | "ws-floor";
/** How a client frames messages: y-websocket's, Hocuspocus's (doc name prefix + auth), raw. */
export type Framing = "y-websocket" | "hocuspocus" | "raw";

export const SERVER_LABELS: Record<ServerKind, string> = {
  quire: "Quire relay",
  "y-websocket": "@y/websocket-server",
  hocuspocus: "@hocuspocus/server",
  "ws-floor": "bare ws broadcast (floor)",
};

export interface ServerOptions {
  /** Persist documents (Quire always does; y-websocket via YPERSISTENCE=y-leveldb; Hocuspocus via SQLite). */
  persist?: boolean;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** Load the event-loop preload; the server's `eventLoop` probe reads it. */
  eventLoop?: boolean;
}

export interface ServerUnderTest {
  readonly kind: ServerKind;
  readonly label: string;
  readonly framing: Framing;
  readonly dataDir: string | undefined;
  /** Event-loop delay of the server process (started with `eventLoop: true`). */
  eventLoop?: EventLoopProbe | undefined;
  pid(): number;
  /** WebSocket URL a client opens for `docName`. */
  urlFor(docName: string): string;
  /** Token a client presents for `docName` (Quire only). */
  tokenFor(docName: string): string | undefined;
  /** Documents held in memory, where the server tells us (Quire's /healthz). */
  docsLoaded(): Promise<number | undefined>;
  /** SIGTERM (graceful: peers flush their stores) and start again on the same port + data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** What a client needs to reach a server: also rebuilt inside generator processes. */
export type ServerEndpoint = Pick<ServerUnderTest, "kind" | "framing" | "urlFor" | "tokenFor">;

const benchRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const YWS_MAIN = join(benchRoot, "node_modules/@y/websocket-server/src/server.js");

/**
 * Starts one server kind in its own process. `QUIRE_BENCH_SERVER_PROFILE=<dir>` in the bench's
 * environment records a V8 CPU profile of every server it starts (cpu-profile-preload.cjs,
 * written to <dir>/<kind>/<pid>.cpuprofile when the server exits).
 * `QUIRE_BENCH_STAGE_TRACE=<dir>` makes the Quire relay write its per-update stage trace to
 * <dir>/stage-trace-<pid>.json on exit (read it with src/harness/stage-trace-report.ts).
 */
export async function startServer(kind: ServerKind, requested: ServerOptions = {}): Promise<ServerUnderTest> {
  const preloads: string[] = [];
  const extraEnv: Record<string, string> = {};
  const profileDir = process.env.QUIRE_BENCH_SERVER_PROFILE;
  if (profileDir) {
    preloads.push(`--require ${join(benchRoot, "src/harness/cpu-profile-preload.cjs")}`);
    extraEnv.CPU_PROFILE_DIR = join(profileDir, kind);
  }
  // The relay's per-update stage trace (apps/relay/src/sync/stage-trace.ts, FINDINGS F19).
  const stageDir = process.env.QUIRE_BENCH_STAGE_TRACE;
  if (stageDir && kind === "quire") extraEnv.QUIRE_STAGE_TRACE_DIR = stageDir;
  const probe = requested.eventLoop ? eventLoopEnv() : undefined;
  if (probe) {
    preloads.push(probe.preload);
    extraEnv.EVENT_LOOP_DIR = probe.dir;
  }
  const nodeOptions = [process.env.NODE_OPTIONS, requested.env?.NODE_OPTIONS, ...preloads].filter(Boolean).join(" ");
  const options: ServerOptions = { ...requested, env: { ...requested.env, ...extraEnv, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) } };
  const server = await launchServer(kind, options);
  if (probe) server.eventLoop = new EventLoopProbe(() => server.pid(), probe.dir);
  return server;
}

async function launchServer(kind: ServerKind, options: ServerOptions): Promise<ServerUnderTest> {
  if (kind === "quire") return QuireServer.start(options);
  const dataDir = options.persist ? mkdtempSync(join(tmpdir(), `bench-${kind}-`)) : undefined;
  const port = await freePort();
  const env: Record<string, string> = { HOST: "127.0.0.1", PORT: String(port), ...options.env };
  if (kind === "y-websocket") {
    if (dataDir) env.YPERSISTENCE = dataDir;
    return SpawnedServer.start(kind, "y-websocket", [YWS_MAIN], env, /running at/, port, dataDir);
  }
  if (dataDir) env.DATA_DIR = dataDir;
  const script = kind === "hocuspocus" ? "src/peers/hocuspocus-server.ts" : "src/peers/ws-broadcast-server.ts";
  const framing: Framing = kind === "hocuspocus" ? "hocuspocus" : "raw";
  return SpawnedServer.start(kind, framing, ["--import", "tsx", join(benchRoot, script)], env, /listening on/, port, dataDir);
}

class QuireServer implements ServerUnderTest {
  readonly kind = "quire";
  readonly label = SERVER_LABELS.quire;
  readonly framing = "y-websocket";
  eventLoop: EventLoopProbe | undefined;
  private readonly tokens = new Map<string, string>();

  private constructor(private readonly relay: RelayProcess) {}

  static async start(options: ServerOptions): Promise<QuireServer> {
    // One load generator opens every connection from 127.0.0.1; lift the per-IP cap (a
    // school-NAT guard) so the density benchmark measures memory, not that limit.
    const env = { MAX_CONNECTIONS_PER_IP: "100000", ...options.env };
    return new QuireServer(await RelayProcess.start({ env, startTimeoutMs: 30_000 }));
  }

  get dataDir(): string {
    return this.relay.dataDir;
  }

  pid(): number {
    const pid = this.relay.pid;
    if (pid === undefined) throw new Error("relay is not running");
    return pid;
  }

  urlFor(docName: string): string {
    return `${this.relay.syncUrl}/${docName}`;
  }

  tokenFor(docName: string): string {
    let token = this.tokens.get(docName);
    if (!token) {
      token = this.relay.token({ doc: docName, role: "editor", name: "bench", ttlSeconds: 24 * 3600 });
      this.tokens.set(docName, token);
    }
    return token;
  }

  async docsLoaded(): Promise<number> {
    return (await this.relay.healthz()).docsLoaded;
  }

  restart(): Promise<void> {
    return this.relay.restart();
  }

  async stop(): Promise<void> {
    await this.relay.stop({ removeData: true });
    this.eventLoop?.remove();
  }
}

class SpawnedServer implements ServerUnderTest {
  readonly label: string;
  eventLoop: EventLoopProbe | undefined;
  private child: ChildProcess | null = null;
  private output = "";

  private constructor(
    readonly kind: ServerKind,
    readonly framing: Framing,
    private readonly args: string[],
    private readonly env: Record<string, string>,
    private readonly ready: RegExp,
    private readonly port: number,
    readonly dataDir: string | undefined,
  ) {
    this.label = SERVER_LABELS[kind];
  }

  static async start(
    kind: ServerKind,
    framing: Framing,
    args: string[],
    env: Record<string, string>,
    ready: RegExp,
    port: number,
    dataDir: string | undefined,
  ): Promise<SpawnedServer> {
    const server = new SpawnedServer(kind, framing, args, env, ready, port, dataDir);
    await server.launch();
    return server;
  }

  pid(): number {
    const pid = this.child?.pid;
    if (pid === undefined) throw new Error(`${this.kind} is not running`);
    return pid;
  }

  urlFor(docName: string): string {
    // Hocuspocus multiplexes docs over one socket and names the doc in every message.
    return this.framing === "hocuspocus" ? `ws://127.0.0.1:${this.port}` : `ws://127.0.0.1:${this.port}/${docName}`;
  }

  tokenFor(): undefined {
    return undefined;
  }

  async docsLoaded(): Promise<undefined> {
    return undefined;
  }

  async restart(): Promise<void> {
    await this.terminate();
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.terminate();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
    this.eventLoop?.remove();
  }

  private async terminate(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.kill("SIGTERM");
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  private launch(): Promise<void> {
    this.output = "";
    const child = spawn(process.execPath, this.args, {
      cwd: benchRoot,
      env: { ...process.env, ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    return new Promise((resolveStart, rejectStart) => {
      const timeout = setTimeout(() => {
        child.kill("SIGKILL");
        rejectStart(new Error(`${this.kind} did not start within 30 s:\n${this.output}`));
      }, 30_000);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        // Keep only the tail: a chatty peer must not grow our memory during a long run.
        if (this.output.length > 20_000) this.output = this.output.slice(-10_000);
        if (this.ready.test(this.output)) {
          clearTimeout(timeout);
          resolveStart();
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      child.once("exit", (code) => {
        clearTimeout(timeout);
        rejectStart(new Error(`${this.kind} exited with ${code} before listening:\n${this.output}`));
      });
    });
  }
}

/** A free loopback port (the peers print the port they were given, not the one bound). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Fresh temp dir for a benchmark's own files. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
