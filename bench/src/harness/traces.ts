/**
 * @module traces
 * Loads the real editing traces from `../shared/traces/` (josephg/editing-traces, see its
 * README). They are not copied into the repo; when absent we fail loudly with where to put
 * them, so no benchmark silently runs on nothing. Tests that need them ask `tracesMissing()`
 * first and skip with its message on a clone that has no `../shared` (issue 10 item 10),
 * unless QUIRE_REQUIRE_TRACES=1 (CI) makes a missing trace a failure.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
/** `<project root>/../shared/traces`; QUIRE_TRACES_DIR overrides it. */
export const TRACES_DIR = process.env.QUIRE_TRACES_DIR ?? resolve(here, "../../../../shared/traces");

export type TraceName = "automerge-paper" | "seph-blog1" | "sveltecomponent";

const TRACE_NAMES: readonly TraceName[] = ["automerge-paper", "seph-blog1", "sveltecomponent"];

/** Set by .ci/run: there the traces exist, and a test must never pass by skipping them. */
export const TRACES_REQUIRED = process.env.QUIRE_REQUIRE_TRACES === "1";

/**
 * Why the traces cannot be used from `dir` (what is missing, where to get it), or null when
 * every trace file is there.
 */
export function tracesMissing(dir = TRACES_DIR): string | null {
  const missing = TRACE_NAMES.filter((name) => !existsSync(join(dir, `${name}.json.gz`)));
  if (missing.length === 0) return null;
  return (
    `skipped: the editing traces are not in ${dir} (missing ${missing.map((n) => `${n}.json.gz`).join(", ")}). ` +
    "They come from josephg/editing-traces and live in ../shared/traces beside the repository " +
    "(or set QUIRE_TRACES_DIR to a copy); the trace replay checks need them, nothing else does."
  );
}

/** One patch: delete `del` chars at `pos`, then insert `ins` there. */
export interface Op {
  pos: number;
  del: number;
  ins: string;
}

export interface Trace {
  name: TraceName;
  startContent: string;
  endContent: string;
  /** Every patch of every transaction, in order (the B4 method applies each as one txn). */
  ops: Op[];
}

const cache = new Map<TraceName, Trace>();

/** Reads and validates a sequential trace (the file is untrusted input: check its shape). */
export function loadTrace(name: TraceName): Trace {
  const cached = cache.get(name);
  if (cached) return cached;
  const file = join(TRACES_DIR, `${name}.json.gz`);
  if (!existsSync(file)) {
    throw new Error(
      `trace ${file} is missing: the benchmarks need josephg/editing-traces in ${TRACES_DIR} ` +
        "(see its README) or QUIRE_TRACES_DIR pointing at a copy",
    );
  }
  const raw: unknown = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8"));
  const trace = parseTrace(name, raw);
  cache.set(name, trace);
  return trace;
}

function parseTrace(name: TraceName, raw: unknown): Trace {
  const bad = (why: string) => new Error(`trace ${name}: ${why}`);
  if (typeof raw !== "object" || raw === null) throw bad("not an object");
  const { startContent, endContent, txns } = raw as Record<string, unknown>;
  if (typeof startContent !== "string" || typeof endContent !== "string" || !Array.isArray(txns)) {
    throw bad("expected { startContent, endContent, txns[] }");
  }
  const ops: Op[] = [];
  for (const txn of txns) {
    const patches = (txn as { patches?: unknown }).patches;
    if (!Array.isArray(patches)) throw bad("txn without patches");
    for (const p of patches) {
      if (!Array.isArray(p) || typeof p[0] !== "number" || typeof p[1] !== "number" || typeof p[2] !== "string") {
        throw bad("patch is not [pos, delCount, insertText]");
      }
      ops.push({ pos: p[0], del: p[1], ins: p[2] });
    }
  }
  return { name, startContent, endContent, ops };
}

/** Plain-string replay of the first `count` ops: the expected text every reader must hold. */
export function expectedText(trace: Trace, count = trace.ops.length): string {
  // Chunked rope-free replay is fast enough here (≤ 260k ops over ≤ 110 kB).
  let text = trace.startContent;
  for (let i = 0; i < count; i++) {
    const op = trace.ops[i] as Op;
    text = text.slice(0, op.pos) + op.ins + text.slice(op.pos + op.del);
  }
  return text;
}
