/**
 * @module RelayProcess
 * A real relay in a child process (the built `apps/relay/dist/main.js`), on a free port with
 * its own temporary data dir. Tests kill it (SIGKILL), restart it on the same port and data
 * dir, and read its /healthz, exactly as an operator would (with the operator token that
 * unlocks the detail).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type JsonWebKeySet, loadOrCreateKeyRing, readOperatorToken, rotateKeyRing, signToken } from "@quire/auth";
import type { Role } from "@quire/core";

const here = dirname(fileURLToPath(import.meta.url));
/** The built relay entry point. `npm test` builds it before any test runs. */
export const RELAY_MAIN = resolve(here, "../../../apps/relay/dist/main.js");

export interface RelayProcessOptions {
  /** Data dir to use; default a fresh temp dir removed by `stop({ removeData: true })`. */
  dataDir?: string;
  /** Extra environment (limits, STATIC_DIR...). PORT/HOST/DATA_DIR are set by the kit. */
  env?: Record<string, string>;
  /** Port; default 0 (the relay picks a free one and prints it). */
  port?: number;
  /** Milliseconds to wait for the "listening on" line. */
  startTimeoutMs?: number;
  /** Address to bind (HOST); default 127.0.0.1. */
  host?: string;
  /**
   * A command the relay runs under, e.g. `["ip", "netns", "exec", ns]` for a relay inside a
   * network namespace (it must exec the relay, so the child's pid is the relay's).
   */
  wrap?: string[];
}

export interface Health {
  status: string;
  version: string;
  docsLoaded: number;
  clients: number;
  [key: string]: unknown;
}

export class RelayProcess {
  readonly dataDir: string;
  port: number;
  /** Everything the relay printed, for assertions on logs and for failure reports. */
  output = "";
  private child: ChildProcess | null = null;
  private exitPromise: Promise<number | null> | null = null;

  private constructor(private readonly options: RelayProcessOptions, dataDir: string) {
    this.dataDir = dataDir;
    this.port = options.port ?? 0;
  }

  /** Starts a relay and resolves once it is listening. */
  static async start(options: RelayProcessOptions = {}): Promise<RelayProcess> {
    if (!existsSync(RELAY_MAIN)) {
      throw new Error(`${RELAY_MAIN} is missing: build the relay first (pnpm build or npm test)`);
    }
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "quire-relay-"));
    const relay = new RelayProcess(options, dataDir);
    await relay.launch();
    return relay;
  }

  /** "https" once the relay said it listens with TLS (TLS=auto or files), else "http". */
  scheme: "http" | "https" = "http";

  get httpUrl(): string {
    return `${this.scheme}://${this.options.host ?? "127.0.0.1"}:${this.port}`;
  }

  /** Base URL for y-websocket's WebsocketProvider (it appends `/<docName>`). */
  get syncUrl(): string {
    return `${this.scheme === "https" ? "wss" : "ws"}://${this.options.host ?? "127.0.0.1"}:${this.port}/sync`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Signs a token with this relay's current signing key (the key ring in its data dir). */
  token(request: { doc?: string; workspace?: string; role?: Role; name?: string; sub?: string; ttlSeconds?: number; now?: number }): string {
    return signToken(loadOrCreateKeyRing(this.dataDir).signingKey, { name: "tester", role: "editor", ...request }).token;
  }

  /** Adds a new signing key to this relay's key ring, as `token --rotate-key` does; returns its kid. */
  rotateKey(): string {
    return rotateKeyRing(this.dataDir).signingKey.kid;
  }

  /** The public keys this relay publishes at /.well-known/jwks.json. */
  async jwks(): Promise<JsonWebKeySet> {
    const response = await fetch(`${this.httpUrl}/.well-known/jwks.json`);
    if (!response.ok) throw new Error(`GET /.well-known/jwks.json: HTTP ${response.status}`);
    return (await response.json()) as JsonWebKeySet;
  }

  /** /healthz with its detail, read with the operator token (OPERATOR_TOKEN or the data dir's). */
  async healthz(): Promise<Health> {
    const token = this.options.env?.OPERATOR_TOKEN || readOperatorToken(this.dataDir);
    const response = await fetch(`${this.httpUrl}/healthz`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return (await response.json()) as Health;
  }

  /** Sends `signal` and waits for the process to exit. */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<number | null> {
    const child = this.child;
    if (!child || !this.exitPromise) return null;
    child.kill(signal);
    const code = await this.exitPromise;
    return code;
  }

  /** Restarts on the same port and data dir (after a kill or stop). */
  async restart(): Promise<void> {
    if (this.child) await this.kill("SIGTERM");
    await this.launch();
  }

  /** Stops the relay (SIGTERM, then SIGKILL after 5 s) and optionally removes its data dir. */
  async stop(options: { removeData?: boolean } = {}): Promise<void> {
    if (this.child && this.exitPromise) {
      const timer = setTimeout(() => this.child?.kill("SIGKILL"), 5_000);
      this.child.kill("SIGTERM");
      await this.exitPromise;
      clearTimeout(timer);
    }
    if (options.removeData ?? this.options.dataDir === undefined) {
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }

  private launch(): Promise<void> {
    const [command, ...prefix] = [...(this.options.wrap ?? []), process.execPath];
    const child = spawn(command as string, [...prefix, RELAY_MAIN], {
      env: {
        ...process.env,
        // Tests speak plain http and stay silent on the LAN unless they ask (hub mode's
        // defaults are TLS=auto and MDNS=on).
        TLS: "off",
        MDNS: "off",
        ...this.options.env,
        HOST: this.options.host ?? "127.0.0.1",
        PORT: String(this.port),
        DATA_DIR: this.dataDir,
        LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.exitPromise = new Promise((resolveExit) => {
      child.once("exit", (code) => {
        if (this.child === child) this.child = null;
        resolveExit(code);
      });
    });
    return new Promise((resolveStart, rejectStart) => {
      const timeout = setTimeout(() => {
        rejectStart(new Error(`relay did not start within ${this.options.startTimeoutMs ?? 15_000} ms:\n${this.output}`));
        child.kill("SIGKILL");
      }, this.options.startTimeoutMs ?? 15_000);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        const match = /listening on (https?):\/\/[^\s:]+:(\d+)/.exec(this.output);
        if (match?.[2]) {
          this.scheme = match[1] === "https" ? "https" : "http";
          this.port = Number(match[2]);
          clearTimeout(timeout);
          resolveStart();
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", (chunk: Buffer) => {
        this.output += chunk.toString();
      });
      child.once("exit", (code) => {
        clearTimeout(timeout);
        rejectStart(new Error(`relay exited with code ${code} before listening:\n${this.output}`));
      });
    });
  }
}
