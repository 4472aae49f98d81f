/**
 * @module class-typists
 * Benchmark 11 (issue 17 item 5): a whole class in one document. One student in Chromium
 * types at the start of a 3-page document while 29 classmates (stock Yjs clients, named and
 * coloured cursors that move as they type) type 3–5 keys/s each in their own paragraphs.
 * Measured: the student's keystroke → next frame, classmates' keystroke → the page's screen,
 * the page's main-thread busy share; the text must be identical everywhere at the end. Run
 * with cursors on and (full run) off, to show what the cursors cost.
 */
import { loadavg } from "node:os";
import { LATENCY_PROBE_SOURCE, READ_PROBE_SOURCE, type ProbeSample } from "../browser/latency-probe.ts";
import { READ_REMOTE_PROBE_SOURCE, REMOTE_PROBE_SOURCE, type RemoteStamps } from "../browser/remote-probe.ts";
import { PARAGRAPHS, WAIT_MS, appMissing, createDocWithText, docNameOf, openApp } from "../harness/app-editor.ts";
import { ClassTypist } from "../harness/ClassTypist.ts";
import { startProfiling } from "../harness/remote-typists.ts";
import { sleep, until } from "../harness/clients.ts";
import { probePage } from "../harness/page-cdp.ts";
import { type Benchmark, type BenchContext, fmt, verdict } from "../harness/result.ts";
import { schoolReport } from "../harness/school-report.ts";
import { percentileOf, summarize } from "../harness/stats.ts";
import { loadTrace } from "../harness/traces.ts";

const CLASSMATES = 29;
const PAGES = 3;
const KEY_DELAY_MS = 50;
const SEED = 1729;
/** Eight distinct caret colours, as the app's own palette would give 29 people. */
const COLORS = ["#c92a2a", "#a61e4d", "#862e9c", "#5f3dc4", "#364fc7", "#1864ab", "#0b7285", "#2b8a3e"];

interface RunFigures {
  local: ProbeSample[];
  remoteMs: number[];
  busyShare: number;
  identical: boolean;
  /** 1-minute load average of the machine when the typing began and when it ended. */
  load: [number, number];
  /** The editor's remote (Yjs → Lexical) updates per classmate keystroke over the run. */
  updatesPerRemoteKey: number;
}

/**
 * Runs in the page: counts the editor's remote updates (`collaboration`-tagged), one per
 * Yjs transaction before the F20 batching, at most one per frame after it.
 */
const UPDATE_COUNTER_SOURCE = `() => {
  const editor = document.querySelector('[data-testid="editor"]').__lexicalEditor;
  globalThis.__remoteUpdates = 0;
  editor.registerUpdateListener(({ tags }) => { if (tags.has("collaboration")) globalThis.__remoteUpdates++; });
}`;

export const classTypists: Benchmark = {
  id: "class",
  title: "11. A whole class in one document (1 in Chromium, 29 remote typists)",
  async run(context: BenchContext) {
    const missing = appMissing();
    if (missing) return { status: missing, method: "", tables: [], notes: [], data: {} };
    const text = schoolReport(loadTrace("automerge-paper").endContent, PAGES);
    const keys = context.quick ? 20 : 150;
    const runs = context.quick ? 1 : 2;
    const variants = context.quick ? [true] : [true, false];
    const session = await openApp();
    const rows: string[][] = [];
    const data: Record<string, unknown> = {};
    try {
      for (const cursors of variants) {
        const figures: RunFigures[] = [];
        for (let run = 0; run < runs; run++) {
          figures.push(await oneRun(session, text, keys, cursors, SEED + run, context));
        }
        const local = (p: number) => summarize(figures.map((f) => percentileOf(f.local.map((s) => s.paintMs), p)));
        const remote = (p: number) => summarize(figures.map((f) => percentileOf(f.remoteMs, p)));
        rows.push([
          cursors ? "on" : "off",
          fmt(local(50), 1),
          fmt(local(95), 1),
          fmt(local(99), 1),
          fmt(remote(50), 0),
          fmt(remote(99), 0),
          fmt(summarize(figures.map((f) => f.busyShare * 100)), 0),
          fmt(summarize(figures.map((f) => f.updatesPerRemoteKey)), 2),
          figures.every((f) => f.identical) ? "yes" : "**NO**",
          // Other jobs on the machine starve the page and the relay: the figures mean little without it.
          figures.map((f) => `${f.load[0].toFixed(1)}→${f.load[1].toFixed(1)}`).join(", "),
          cursors ? `${verdict(local(95).median, 33)} / ${verdict(remote(99).median, 100)}` : "",
        ]);
        data[cursors ? "cursorsOn" : "cursorsOff"] = figures;
      }
    } finally {
      await session.close();
    }
    const allIdentical = rows.every((r) => r[8] === "yes");
    return {
      status: allIdentical ? "ok" : "failed: the text differed at the end",
      method: `A ${PAGES}-page document (${text.split("\n").length} paragraphs of seeded prose) is created through the app in headless Chromium at 1280×800 (no CPU throttle). ${CLASSMATES} classmates connect as stock Yjs clients (y-websocket) with editor tokens, each typing at its own seeded place in its own paragraph at 3–5 keys/s (a new random interval per key) and publishing its caret through awareness after every key (cursors "off": the same typing with no awareness state). The student presses ${keys} keys ${KEY_DELAY_MS} ms apart at the end of paragraph 0: keystroke → next frame as in benchmark 8. Remote keystroke → screen: wall-clock time from a classmate's insert in Node to the task after the next animation frame once the page's paragraph holds that character (same machine, same clock). Main thread busy: CDP Performance.getMetrics TaskDuration over the typing phase ÷ its wall time. Editor updates per remote key: the page's Lexical updates tagged \`collaboration\` (Yjs → Lexical) ÷ the classmates' keystrokes, from their first key to the end (1 when every remote transaction is its own update). Load average: the machine's 1-minute load average (2 cores) when the typing phase began → ended, per run: other jobs starve the page, the relay and the classmates alike. At the end every classmate's doc and the page must show identical paragraphs. ${runs} run(s) per row (seeds ${SEED}…), median (min–max) of the per-run percentiles.`,
      tables: [
        {
          caption: `${CLASSMATES} classmates typing in the same ${PAGES}-page document (targets with cursors on: keystroke → next frame p95 ≤ 33 ms, remote → screen p99 ≤ 100 ms)`,
          columns: ["remote cursors", "key → frame p50", "p95", "p99", "remote → screen p50", "p99", "main thread busy %", "editor updates per remote key", "text identical", "load average (per run)", "result"],
          rows,
        },
      ],
      notes: [],
      data,
    };
  },
};

async function oneRun(session: Awaited<ReturnType<typeof openApp>>, text: string, keys: number, cursors: boolean, seed: number, context: BenchContext): Promise<RunFigures> {
  const expected = text.split("\n");
  const browserContext = await session.browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: session.relay.httpUrl });
  const typists: ClassTypist[] = [];
  try {
    const page = await browserContext.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const docPath = await createDocWithText(page, text);
    const docName = docNameOf(docPath);
    for (let i = 0; i < CLASSMATES; i++) {
      const name = `Student ${i + 1}`;
      const token = session.relay.token({ doc: docName, role: "editor", name });
      typists.push(new ClassTypist(session.relay.syncUrl, docName, token, name, COLORS[i % COLORS.length] as string, 3 + i, seed * 100 + i, cursors));
    }
    await Promise.all(typists.map((t) => t.ready(expected.length, WAIT_MS)));
    context.log(`class: ${CLASSMATES} classmates connected (cursors ${cursors ? "on" : "off"})`);
    await page.getByTestId("editor").locator("p").first().click();
    await page.keyboard.press("End");
    await page.evaluate(`(${LATENCY_PROBE_SOURCE})(0)`);
    await page.evaluate(`(${REMOTE_PROBE_SOURCE})(${JSON.stringify(typists.map((t) => t.paragraph))})`);
    const probe = await probePage(page);
    await page.evaluate(`(${UPDATE_COUNTER_SOURCE})()`);
    for (const t of typists) t.start();
    await sleep(1000);
    // QUIRE_BENCH_EDITOR_PROFILE=<dir>: the first typing phase of the process as a CPU profile.
    const profiler = await startProfiling(page);
    const load0 = loadavg()[0] ?? 0;
    const busy0 = await probe.taskSeconds();
    const wall0 = performance.now();
    for (let k = 0; k < keys; k++) {
      await page.keyboard.press("x");
      await sleep(KEY_DELAY_MS);
    }
    const busyShare = ((await probe.taskSeconds()) - busy0) / ((performance.now() - wall0) / 1000);
    const load1 = loadavg()[0] ?? 0;
    await profiler?.stop();
    context.log(`class: ${keys} keys typed; waiting for every client to converge`);
    for (const t of typists) t.stop();
    for (const t of typists) if (t.error) throw new Error(`${t.name} failed: ${t.error.message}`);
    // Converged: the page and every classmate show the same paragraphs, ours included.
    const first = `${expected[0] ?? ""}${"x".repeat(keys)}`;
    let identical = false;
    let mismatch = "";
    try {
      await until(
        async () => {
          const paragraphs = (await page.evaluate(PARAGRAPHS)) as string[];
          const shown = paragraphs.join("\n");
          const behind = typists.find((t) => t.paragraphs().join("\n") !== shown);
          const short = typists.find((t) => (paragraphs[t.paragraph] ?? "").length !== (expected[t.paragraph] ?? "").length + t.typed);
          mismatch = !shown.startsWith(first)
            ? `the page's first paragraph is ${JSON.stringify((paragraphs[0] ?? "").slice(-30))}`
            : short
              ? `the page shows ${(paragraphs[short.paragraph] ?? "").length - (expected[short.paragraph] ?? "").length} of ${short.typed} keys of ${short.name}`
              : behind
                ? `${behind.name} holds different text`
                : "";
          identical = mismatch === "";
          return identical;
        },
        WAIT_MS,
        "the page and every classmate to show the same text",
        200,
      );
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}: ${mismatch}`);
    }
    const stamps = (await page.evaluate(READ_REMOTE_PROBE_SOURCE)) as RemoteStamps;
    const remoteMs: number[] = [];
    for (const t of typists) {
      const shown = stamps[String(t.paragraph)] ?? {};
      for (const [length, typedAt] of t.typedAt) {
        const onScreen = shown[String(length)];
        if (onScreen !== undefined) remoteMs.push(onScreen - typedAt);
      }
    }
    const local = (await page.evaluate(READ_PROBE_SOURCE)) as ProbeSample[];
    const remoteUpdates = (await page.evaluate("globalThis.__remoteUpdates")) as number;
    const remoteKeys = typists.reduce((sum, t) => sum + t.typed, 0);
    await probe.detach();
    return { local, remoteMs, busyShare, identical, load: [load0, load1], updatesPerRemoteKey: remoteKeys > 0 ? remoteUpdates / remoteKeys : 0 };
  } finally {
    for (const t of typists) t.destroy();
    await browserContext.close();
  }
}
