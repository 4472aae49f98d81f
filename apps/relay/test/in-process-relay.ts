/**
 * Relays built in the test's own process from the TypeScript source, for what a child
 * process cannot show: several relay nodes sharing one in-process room bus, or hook objects
 * passed in code. Everything else is real: listening sockets, SQLite in a temp DATA_DIR, the
 * built decode worker (run `pnpm build` first, as for RelayProcess).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadOrCreateKeyRing, signToken } from "@quire/auth";
import { loadConfig, type RelayLimits } from "../src/config.ts";
import { RelayServer, type RelayServerOptions } from "../src/RelayServer.ts";

const WORKER_URL = new URL("../dist/decode-worker.js", import.meta.url);

export interface InProcessRelay {
  server: RelayServer;
  dataDir: string;
  /** Base URL for y-websocket's WebsocketProvider (it appends `/<docName>`). */
  syncUrl: string;
  close(): Promise<void>;
}

/** Starts a relay on an ephemeral port over `dataDir` (a fresh temp dir when omitted). */
export async function startInProcessRelay(
  options: RelayServerOptions & { dataDir?: string; limits?: Partial<RelayLimits> } = {},
): Promise<InProcessRelay> {
  if (!existsSync(WORKER_URL)) throw new Error("apps/relay/dist/decode-worker.js is missing: run `pnpm -s run build` first");
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "quire-inproc-"));
  const config = loadConfig({ DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  Object.assign(config.limits, options.limits);
  const server = new RelayServer(config, { workerUrl: WORKER_URL, ...options });
  const { port } = await server.listen();
  return { server, dataDir, syncUrl: `ws://127.0.0.1:${port}/sync`, close: () => server.close() };
}

/** A token signed with the key ring in `dataDir` (shared by relays over the same DATA_DIR). */
export function tokenFor(dataDir: string, request: { doc: string; sub: string; name?: string }): string {
  return signToken(loadOrCreateKeyRing(dataDir).signingKey, { role: "editor", name: request.name ?? request.sub, ...request }).token;
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}
