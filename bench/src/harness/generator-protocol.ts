/**
 * @module generator-protocol
 * The messages between the bench and its load-generator processes (GeneratorPool →
 * generator-process). Clients live in the generator processes so that the load is spread
 * over processes and each generator's CPU can be read from /proc on its own (issue 17 item 2:
 * "load that measures the relay, not the generator").
 *
 * Times that cross processes are `process.hrtime` milliseconds: CLOCK_MONOTONIC, one clock
 * for every process of the machine, so a send time in one process and an apply time in
 * another subtract exactly.
 */
import type { Framing, ServerEndpoint, ServerKind } from "./ServerUnderTest.ts";
import type { TraceName } from "./traces.ts";

/** A ServerEndpoint as data: URL and token per doc name (tokens are signed by the bench). */
export interface EndpointSpec {
  kind: ServerKind;
  framing: Framing;
  urls: Record<string, string>;
  tokens: Record<string, string>;
}

export type GeneratorRequest =
  /** Opens one client per doc name (replacing the previous set); `record`: log applies. */
  | { op: "open"; endpoint: EndpointSpec; docs: string[]; record: boolean }
  /** From now on, readers log (writer's clock, time) whenever that clock advanced. */
  | { op: "watch"; writerId: number }
  /** Client `client` replays ops [from, from+count) of a trace at `rate` ops/s (0: as fast as its send buffer allows). */
  | { op: "replay"; client: number; trace: TraceName; from: number; count: number; rate: number }
  /** Resolves once the server has applied everything client `client` sent (SyncClient.barrier). */
  | { op: "barrier"; client: number; timeoutMs: number }
  /** Every client types `rate` single keystrokes/s for `seconds` (seeded positions). */
  | { op: "human"; seconds: number; rate: number; seed: number }
  /** Every client sends `keystrokes` as fast as its send buffer allows; resolves when all are delivered. */
  | { op: "flood"; keystrokes: number; seed: number; timeoutMs: number }
  /** Resolves once the clients of each doc hold identical text. */
  | { op: "converge"; timeoutMs: number }
  /** Resolves once every client's text has `length` characters. */
  | { op: "wait-length"; length: number; timeoutMs: number }
  /** The readers' logs and texts. */
  | { op: "collect" }
  | { op: "close" };

export interface OpenReply {
  clientIds: number[];
}
export interface ReplayReply {
  /** Writer's clock after each op and its send time (hrtime ms). */
  clockAfter: number[];
  sentAt: number[];
  /** Date.now() when the first op was sent, to line ops up with stall times (wall clock). */
  startedWallMs: number;
}
export interface HumanReply {
  delivered: number;
  seconds: number;
}
export interface FloodReply {
  delivered: number;
}
export interface CollectReply {
  /** Per client: [clock, hrtime ms, clock, hrtime ms, …] in apply order. */
  logs: number[][];
  texts: string[];
}

export type GeneratorMessage = { id: number; request: GeneratorRequest };
export type GeneratorAnswer = { id: number; result?: unknown; error?: string } | { ready: true };

/** hrtime in milliseconds (see the module comment). */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function toEndpointSpec(server: ServerEndpoint, docs: readonly string[]): EndpointSpec {
  const urls: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  for (const doc of new Set(docs)) {
    urls[doc] = server.urlFor(doc);
    const token = server.tokenFor(doc);
    if (token !== undefined) tokens[doc] = token;
  }
  return { kind: server.kind, framing: server.framing, urls, tokens };
}

export function fromEndpointSpec(spec: EndpointSpec): ServerEndpoint {
  return {
    kind: spec.kind,
    framing: spec.framing,
    urlFor(doc: string): string {
      const url = spec.urls[doc];
      if (url === undefined) throw new Error(`no URL for ${doc}`);
      return url;
    },
    tokenFor: (doc: string) => spec.tokens[doc],
  } as ServerEndpoint;
}
