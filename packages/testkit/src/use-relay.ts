/**
 * @module use-relay
 * The vitest fixture every relay-backed test file shares. `useRelay()` registers a `beforeAll`
 * that starts a real relay process (a fresh temp DATA_DIR unless one is given) and an
 * `afterAll` that stops it and removes the data dir; it returns a handle that forwards to the
 * running process, so a test writes `relay.syncUrl` / `relay.token(...)` / `relay.restart()`
 * exactly as with a `RelayProcess`. `useRelays()` is the same life cycle for tests that start
 * their relays inside a test (per-test limits, a data dir prepared first): every relay it
 * started is stopped and its data removed after the file or describe.
 *
 * Registered in the scope where it is called: at the top of a file for the file, inside a
 * `describe` for that describe. Hooks a file registers after `useRelay()` run after the relay
 * started and (vitest's default "stack" order) before it stops.
 *
 * @example
 * const relay = useRelay({ env: { UNLOAD_DELAY_MS: "200" } });
 * it("syncs", async () => {
 *   const a = connectStockClient(relay.syncUrl, "w1/doc", relay.token({ doc: "w1/doc" }));
 *   await relay.restart();
 * });
 */
import { afterAll, beforeAll } from "vitest";
import { type Health, RelayProcess, type RelayProcessOptions } from "./RelayProcess.ts";

/** What a test can do with a relay: the public surface of `RelayProcess`. */
export type Relay = Pick<
  RelayProcess,
  | "dataDir"
  | "port"
  | "output"
  | "httpUrl"
  | "syncUrl"
  | "pid"
  | "running"
  | "token"
  | "rotateKey"
  | "jwks"
  | "healthz"
  | "kill"
  | "restart"
  | "stop"
>;

/** A relay started by `useRelay()`: valid inside tests and hooks registered after it. */
export class RelayFixture implements Relay {
  private current: RelayProcess | undefined;

  /** @internal — use `useRelay()`. */
  constructor(private readonly options: RelayProcessOptions) {}

  /** The running process (for helpers typed on `RelayProcess`). */
  get process(): RelayProcess {
    if (!this.current) throw new Error("useRelay(): the relay is not started yet — use it inside a test or a later hook");
    return this.current;
  }

  get dataDir(): string {
    return this.process.dataDir;
  }
  get port(): number {
    return this.process.port;
  }
  get output(): string {
    return this.process.output;
  }
  set output(value: string) {
    this.process.output = value;
  }
  get httpUrl(): string {
    return this.process.httpUrl;
  }
  get syncUrl(): string {
    return this.process.syncUrl;
  }
  get pid(): number | undefined {
    return this.process.pid;
  }
  get running(): boolean {
    return this.process.running;
  }
  token(...args: Parameters<RelayProcess["token"]>): string {
    return this.process.token(...args);
  }
  rotateKey(): string {
    return this.process.rotateKey();
  }
  jwks(): ReturnType<RelayProcess["jwks"]> {
    return this.process.jwks();
  }
  healthz(): Promise<Health> {
    return this.process.healthz();
  }
  kill(signal?: NodeJS.Signals): Promise<number | null> {
    return this.process.kill(signal);
  }
  restart(): Promise<void> {
    return this.process.restart();
  }
  stop(options?: { removeData?: boolean }): Promise<void> {
    return this.process.stop(options);
  }

  /** @internal */
  async start(): Promise<void> {
    this.current = await RelayProcess.start(this.options);
  }

  /** @internal — stops the relay and removes its data dir (also a dir the test passed in). */
  async dispose(): Promise<void> {
    await this.current?.stop({ removeData: true });
  }
}

/** Starts one relay before the enclosing file/describe and removes it after. */
export function useRelay(options: RelayProcessOptions = {}): RelayFixture {
  const fixture = new RelayFixture(options);
  beforeAll(() => fixture.start(), startHookTimeout(options));
  afterAll(() => fixture.dispose(), STOP_HOOK_TIMEOUT_MS);
  return fixture;
}

/**
 * Hook timeouts of their own, so a project's short default (10 s) cannot cut a start that the
 * relay's own start timeout (15 s default) still allows on a loaded machine.
 */
function startHookTimeout(options: RelayProcessOptions): number {
  return (options.startTimeoutMs ?? 15_000) + 10_000;
}
/** stop() waits 5 s for SIGTERM before SIGKILL; leave room for that and the data removal. */
const STOP_HOOK_TIMEOUT_MS = 20_000;

/** Starts relays on demand inside tests; all are stopped and their data removed afterwards. */
export interface RelayPool {
  start(options?: RelayProcessOptions): Promise<RelayProcess>;
}

export function useRelays(): RelayPool {
  const started: RelayProcess[] = [];
  afterAll(async () => {
    for (const relay of started.splice(0)) await relay.stop({ removeData: true });
  }, STOP_HOOK_TIMEOUT_MS);
  return {
    async start(options = {}) {
      const relay = await RelayProcess.start(options);
      started.push(relay);
      return relay;
    },
  };
}
