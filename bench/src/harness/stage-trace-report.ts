/**
 * @module stage-trace-report
 * Reads the relay's per-update stage trace (apps/relay/src/sync/stage-trace.ts, written when a
 * benchmark runs with `QUIRE_BENCH_STAGE_TRACE=<dir>`) and says where the slowest 1 % of the
 * measured docs' updates spent their time inside the relay (FINDINGS F19):
 *
 * ```sh
 * QUIRE_BENCH_STAGE_TRACE=/tmp/st pnpm bench --quick --only fanout-latency
 * pnpm --filter @quire/bench exec tsx src/harness/stage-trace-report.ts /tmp/st/stage-trace-<pid>.json [docRegex]
 * ```
 *
 * Stages: queued (socket `message` → the handler), handled (check, apply, stage), waiting for
 * the group commit (staged → commit start), commit (commit start → this doc's delivery: the
 * SQLite transaction plus the docs delivered before it), delivery (writes to every reader).
 * docRegex picks the measured docs (default: the fan-out writer's docs, not the background doc).
 */
import { readFileSync } from "node:fs";
import { percentile } from "./stats.ts";

interface UpdateStages {
  doc: string;
  received: number;
  handled: number;
  staged: number;
  commitStarted: number;
  committed: number;
  sent: number;
  readers: number;
}

interface TraceFile {
  updates: UpdateStages[];
  gcs: { start: number; duration: number; kind: number }[];
  commits: { start: number; end: number; rows: number; slept?: number; preempted?: number }[];
}

const STAGES = ["queued", "handled", "waitCommit", "commit", "deliver"] as const;
type Stage = (typeof STAGES)[number];

function stagesOf(u: UpdateStages): Record<Stage, number> {
  return {
    queued: u.handled - u.received,
    handled: u.staged - u.handled,
    waitCommit: u.commitStarted - u.staged,
    commit: u.committed - u.commitStarted,
    deliver: u.sent - u.committed,
  };
}

export function report(trace: TraceFile, docPattern: RegExp): string {
  const complete = trace.updates.filter((u) => docPattern.test(u.doc) && u.received > 0 && u.sent > 0);
  const lines: string[] = [];
  const total = (u: UpdateStages) => u.sent - u.received;
  const totals = complete.map(total).sort((a, b) => a - b);
  if (totals.length === 0) return "no complete updates of the measured docs in the trace";
  lines.push(`updates traced: ${complete.length} of ${trace.updates.length} (docs ${docPattern})`);
  lines.push(`inside the relay (socket message → written to every reader), ms: p50 ${percentile(totals, 50).toFixed(2)}, p90 ${percentile(totals, 90).toFixed(2)}, p99 ${percentile(totals, 99).toFixed(2)}, max ${(totals[totals.length - 1] ?? 0).toFixed(2)}`);
  const cut = percentile(totals, 99);
  const slow = complete.filter((u) => total(u) >= cut);
  const rest = complete.filter((u) => total(u) < cut);
  const mean = (list: UpdateStages[], stage: Stage) => list.reduce((sum, u) => sum + stagesOf(u)[stage], 0) / Math.max(1, list.length);
  lines.push(`stage means, ms — slowest 1 % (${slow.length}) vs the rest (${rest.length}):`);
  for (const stage of STAGES) lines.push(`  ${stage.padEnd(11)} ${mean(slow, stage).toFixed(3).padStart(8)}  ${mean(rest, stage).toFixed(3).padStart(8)}`);
  const commitOf = (u: UpdateStages) => trace.commits.find((c) => c.start === u.commitStarted);
  const rowsMean = (list: UpdateStages[]) => list.reduce((sum, u) => sum + (commitOf(u)?.rows ?? 0), 0) / Math.max(1, list.length);
  const txMean = (list: UpdateStages[]) => list.reduce((sum, u) => sum + ((commitOf(u)?.end ?? u.commitStarted) - u.commitStarted), 0) / Math.max(1, list.length);
  lines.push(`  rows in its group commit: ${rowsMean(slow).toFixed(1)} vs ${rowsMean(rest).toFixed(1)}; whole commit incl. every doc's delivery ${txMean(slow).toFixed(3)} vs ${txMean(rest).toFixed(3)} ms`);
  const gcDuring = (u: UpdateStages) => trace.gcs.filter((g) => g.start < u.sent && g.start + g.duration > u.received);
  const withGc = slow.filter((u) => gcDuring(u).length > 0);
  const gcMs = slow.reduce((sum, u) => sum + gcDuring(u).reduce((s, g) => s + g.duration, 0), 0);
  lines.push(`  slowest 1 % with a GC inside: ${withGc.length} of ${slow.length}, GC ms inside them ${gcMs.toFixed(2)}; of the rest: ${rest.filter((u) => gcDuring(u).length > 0).length}`);
  const gcs = trace.gcs.map((g) => g.duration).sort((a, b) => a - b);
  lines.push(`GCs: ${gcs.length}, p50 ${percentile(gcs, 50).toFixed(2)} ms, max ${(gcs[gcs.length - 1] ?? 0).toFixed(2)} ms, total ${gcs.reduce((a, b) => a + b, 0).toFixed(1)} ms`);
  const commits = trace.commits.map((c) => c.end - c.start).sort((a, b) => a - b);
  lines.push(`group commits: ${commits.length}, p50 ${percentile(commits, 50).toFixed(2)} ms, p99 ${percentile(commits, 99).toFixed(2)} ms, max ${(commits[commits.length - 1] ?? 0).toFixed(2)} ms`);
  const slept = trace.commits.filter((c) => (c.slept ?? 0) > 0);
  const preempted = trace.commits.filter((c) => (c.slept ?? 0) === 0 && (c.preempted ?? 0) > 0);
  const quiet = trace.commits.filter((c) => (c.slept ?? 0) === 0 && (c.preempted ?? 0) === 0);
  const wallOf = (list: TraceFile["commits"]) => list.map((c) => c.end - c.start).sort((a, b) => a - b);
  for (const [label, list] of [["the main thread slept (lock wait, blocking I/O)", slept], ["preempted only", preempted], ["neither", quiet]] as const) {
    const w = wallOf(list);
    lines.push(`  commits where ${label}: ${list.length}, wall p50 ${percentile(w, 50).toFixed(2)} / p99 ${percentile(w, 99).toFixed(2)} / max ${(w[w.length - 1] ?? 0).toFixed(2)} ms`);
  }
  lines.push("slowest 10 (total ms: queued / handled / waitCommit / commit / deliver; readers):");
  for (const u of [...complete].sort((a, b) => total(b) - total(a)).slice(0, 10)) {
    const s = stagesOf(u);
    lines.push(`  ${total(u).toFixed(2)}: ${STAGES.map((k) => s[k].toFixed(2)).join(" / ")}; ${u.readers} ${u.doc}`);
  }
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, pattern] = process.argv.slice(2);
  if (!file) throw new Error("usage: stage-trace-report.ts <stage-trace.json> [docRegex]");
  console.log(report(JSON.parse(readFileSync(file, "utf8")) as TraceFile, new RegExp(pattern ?? "^fanout-k\\d+-r\\d+$")));
}
