/**
 * @module main
 * `pnpm bench [--quick] [--only] [<id>[,<id>...]]`: runs the benchmarks in order, each
 * starting and stopping its own servers, and writes the report (see harness/report.ts).
 * A benchmark that throws is recorded as "failed: <error>" and the run goes on; the exit
 * code is 1 if any failed, so CI's quick run proves the harness end to end without ever
 * asserting a timing.
 */
import { coldJoin } from "./benchmarks/cold-join.ts";
import { clientPersistence } from "./benchmarks/client-persistence.ts";
import { coreReplay } from "./benchmarks/core-replay.ts";
import { density } from "./benchmarks/density.ts";
import { classTypists } from "./benchmarks/class-typists.ts";
import { editor } from "./benchmarks/editor.ts";
import { editorCheap } from "./benchmarks/editor-cheap.ts";
import { fanoutLatency } from "./benchmarks/fanout-latency.ts";
import { history } from "./benchmarks/history.ts";
import { firstLoad } from "./benchmarks/first-load.ts";
import { search } from "./benchmarks/search.ts";
import { reconnectBytes } from "./benchmarks/reconnect-bytes.ts";
import { serverPersistence } from "./benchmarks/server-persistence.ts";
import { throughput } from "./benchmarks/throughput.ts";
import { machineInfo } from "./harness/machine.ts";
import { writeFull, writeQuick } from "./harness/report.ts";
import type { Benchmark, BenchmarkResult } from "./harness/result.ts";

const BENCHMARKS: Benchmark[] = [coreReplay, fanoutLatency, throughput, density, coldJoin, serverPersistence, clientPersistence, editor, firstLoad, editorCheap, classTypists, history, search, reconnectBytes];

function parseArgs(argv: string[]): { quick: boolean; only: string[] | null } {
  const quick = argv.includes("--quick");
  const at = argv.indexOf("--only");
  // `pnpm bench fanout-latency` = `pnpm bench --only fanout-latency` (ids as plain arguments).
  const positional = argv.filter((arg, i) => !arg.startsWith("--") && argv[i - 1] !== "--only").flatMap((arg) => arg.split(","));
  const listed = [...(at >= 0 ? (argv[at + 1] ?? "").split(",") : []), ...positional].filter(Boolean);
  const only = at >= 0 || positional.length > 0 ? listed : null;
  const known = new Set(BENCHMARKS.map((b) => b.id));
  for (const id of only ?? []) {
    if (!known.has(id)) throw new Error(`unknown benchmark "${id}"; ids: ${[...known].join(", ")}`);
  }
  return { quick, only };
}

async function main(): Promise<number> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const log = (message: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
  const selected = BENCHMARKS.filter((b) => only === null || only.includes(b.id));
  const machine = machineInfo();
  log(`${quick ? "quick" : "full"} run of ${selected.map((b) => b.id).join(", ")} on ${machine.cpuModel} × ${machine.cores}`);
  const results: BenchmarkResult[] = [];
  let failed = 0;
  for (const benchmark of selected) {
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    log(`▶ ${benchmark.id}`);
    let partial: Omit<BenchmarkResult, "id" | "title" | "startedAt" | "durationSeconds">;
    try {
      partial = await benchmark.run({ quick, log });
    } catch (error) {
      failed++;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`✗ ${benchmark.id} failed:\n${message}`);
      partial = { status: `failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, method: "", tables: [], notes: [], data: {} };
    }
    const result = { id: benchmark.id, title: benchmark.title, startedAt, durationSeconds: (performance.now() - t0) / 1000, ...partial };
    results.push(result);
    log(`■ ${benchmark.id}: ${result.status} in ${result.durationSeconds.toFixed(0)} s`);
    // Written after every benchmark, so a crash later in a long run keeps what was measured.
    if (quick) {
      writeQuick(machine, results);
    } else {
      writeFull(
        machine,
        [result],
        BENCHMARKS.map((b) => b.id),
      );
    }
  }
  log(quick ? "wrote bench/results/quick.json" : "wrote docs/benchmarks.md and bench/results/latest.json");
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
