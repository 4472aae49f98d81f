/**
 * @module profile-stalls
 * Where a server's event loop stalls, from a V8 CPU profile (cpu-profile-preload.cjs, or
 * `QUIRE_BENCH_SERVER_PROFILE=<dir> pnpm bench --only fanout-latency`): every stretch of
 * consecutive non-idle samples longer than a threshold is one stall (the loop did not get
 * back to epoll for that long), listed with the functions on the stack for most of it.
 *
 *   pnpm --filter @quire/bench exec tsx src/harness/profile-stalls.ts <file.cpuprofile> [min ms] [windows.json]
 *
 * windows.json: [[fromMono, toMono], …] in CLOCK_MONOTONIC ms (the event-loop windows'
 * fromMono/toMono in bench/results/*.json): only stalls inside them are listed, e.g. the
 * measured runs, not the set-up between them. V8 profiles use the same clock (µs).
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Stall {
  /** ms since the profile started. */
  startMs: number;
  /** CLOCK_MONOTONIC ms at the start. */
  startMono: number;
  durationMs: number;
  /** Functions of the server's own code and its libraries on the stack (inclusive time), largest first. */
  frames: { name: string; ms: number }[];
  /** Self time per function (where the CPU actually was), largest first. */
  self: { name: string; ms: number }[];
}

/** Node's internals and the websocket framing are on every stack; they say nothing about the cause. */
function interesting(node: ProfileNode): boolean {
  const { url, functionName } = node.callFrame;
  if (functionName === "(root)" || functionName === "(program)") return false;
  if (url.startsWith("node:") || url === "") return false;
  return !/\/ws\/lib\/(receiver|websocket|sender)\.js$/.test(url);
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*\/(node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?)?/, "").slice(-60);
  return `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
}

/** Busy stretches of at least `minMs` in `profile`, longest first. */
export function findStalls(profile: CpuProfile, minMs: number): Stall[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stackOf = (id: number): string[] => {
    const names = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node && interesting(node)) names.add(label(node));
    }
    return [...names];
  };
  const stalls: Stall[] = [];
  let t = 0;
  let current: { start: number; duration: number; frames: Map<string, number>; self: Map<string, number> } | null = null;
  const ranked = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: us / 1000 }));
  const close = () => {
    if (current && current.duration / 1000 >= minMs) {
      stalls.push({ startMs: current.start / 1000, startMono: (profile.startTime + current.start) / 1000, durationMs: current.duration / 1000, frames: ranked(current.frames), self: ranked(current.self) });
    }
    current = null;
  };
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    const node = byId.get(profile.samples[i] as number);
    const idle = !node || node.callFrame.functionName === "(idle)";
    if (idle) {
      close();
      continue;
    }
    current ??= { start: t, duration: 0, frames: new Map(), self: new Map() };
    current.duration += delta;
    const own = label(node);
    current.self.set(own, (current.self.get(own) ?? 0) + delta);
    for (const name of stackOf(node.id)) current.frames.set(name, (current.frames.get(name) ?? 0) + delta);
  }
  close();
  return stalls.sort((a, b) => b.durationMs - a.durationMs);
}

/** Frames that name a cause, most specific first; a stall counts under the first one on its stack. */
const CAUSES: [string, RegExp][] = [
  ["compaction on the main thread (Compactor.compact → DocumentStore.load/replaceUpTo)", /^(compact|compactInBackground|replaceUpTo|releaseFreePages) /],
  ["group commit (DocumentStore.flush: SQLite transaction, WAL)", /^flush main\.js/],
  ["new connections (upgrade, auth, sync step 1 of a new client)", /^(onUpgrade|onSocket|handleUpgrade) /],
  ["integration checks (checkUpdate, IntegrationGuard/conflict-scan)", /^(checkUpdate|itemAt|scan\w*) /],
  ["applying updates (accept → Y.applyUpdate)", /^(accept|applyUpdate) /],
  ["other message handling", /^handleSync /],
  ["garbage collector", /^\(garbage collector\)/],
];

/** The first cause (in CAUSES order) whose frame covers at least 30 % of the stall: a long stretch mixes several. */
function causeOf(stall: Stall): string {
  const frames = [...stall.frames, ...stall.self];
  for (const [cause, pattern] of CAUSES) {
    if (frames.some((f) => pattern.test(f.name) && f.ms >= 0.3 * stall.durationMs)) return cause;
  }
  return "other";
}

export function byCause(stalls: readonly Stall[]): Map<string, { count: number; totalMs: number; maxMs: number }> {
  const out = new Map<string, { count: number; totalMs: number; maxMs: number }>();
  for (const stall of stalls) {
    const cause = causeOf(stall);
    const entry = out.get(cause) ?? { count: 0, totalMs: 0, maxMs: 0 };
    entry.count++;
    entry.totalMs += stall.durationMs;
    entry.maxMs = Math.max(entry.maxMs, stall.durationMs);
    out.set(cause, entry);
  }
  return new Map([...out.entries()].sort((a, b) => b[1].totalMs - a[1].totalMs));
}

if (process.argv[1]?.endsWith("profile-stalls.ts")) {
  const [file, min, windowsFile] = process.argv.slice(2);
  if (!file) throw new Error("usage: profile-stalls.ts <file.cpuprofile> [min ms] [windows.json]");
  const windows = windowsFile ? (JSON.parse(readFileSync(windowsFile, "utf8")) as [number, number][]) : null;
  const all = findStalls(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, Number(min ?? 10));
  const stalls = windows ? all.filter((s) => windows.some(([from, to]) => s.startMono >= from && s.startMono <= to)) : all;
  const total = stalls.reduce((sum, s) => sum + s.durationMs, 0);
  console.log(`${stalls.length} busy stretches ≥ ${min ?? 10} ms${windows ? ` inside ${windows.length} windows` : ""}, ${total.toFixed(0)} ms in all`);
  for (const [cause, figures] of byCause(stalls)) console.log(`  ${cause}: ${figures.count} stretches, ${figures.totalMs.toFixed(0)} ms, longest ${figures.maxMs.toFixed(1)} ms`);
  for (const stall of stalls.slice(0, 25)) {
    console.log(`\n@${stall.startMs.toFixed(0)} ms (mono ${stall.startMono.toFixed(0)}): ${stall.durationMs.toFixed(1)} ms busy — ${causeOf(stall)}`);
    for (const frame of stall.frames.slice(0, 12)) console.log(`  ${frame.ms.toFixed(1).padStart(7)} ms  ${frame.name}`);
    console.log("  self:");
    for (const frame of stall.self.slice(0, 5)) console.log(`  ${frame.ms.toFixed(1).padStart(7)} ms  ${frame.name}`);
  }
}
