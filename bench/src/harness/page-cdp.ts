/**
 * @module page-cdp
 * Chrome DevTools Protocol measurements of one page: CPU throttling (a cheap laptop or an old
 * phone is emulated as this machine's CPU slowed N×), the JS heap after a forced GC, the
 * main thread's busy time (Performance.getMetrics "TaskDuration", seconds of tasks), and an
 * opt-in profile of one span (e.g. a reload until editable).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CDPSession, Page } from "playwright-core";

export interface PageProbe {
  cdp: CDPSession;
  /** JS heap in use after two forced collections, bytes. */
  heapBytes(): Promise<number>;
  /** Seconds the main thread spent in tasks since the page started. */
  taskSeconds(): Promise<number>;
  detach(): Promise<void>;
}

/** Attaches to `page`; `cpuSlowdown` > 1 throttles its CPU until detach. */
export async function probePage(page: Page, cpuSlowdown = 1): Promise<PageProbe> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  if (cpuSlowdown > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
  return {
    cdp,
    async heapBytes() {
      await cdp.send("HeapProfiler.collectGarbage");
      await cdp.send("HeapProfiler.collectGarbage");
      return (await cdp.send("Runtime.getHeapUsage")).usedSize;
    },
    async taskSeconds() {
      const { metrics } = await cdp.send("Performance.getMetrics");
      return metrics.find((m) => m.name === "TaskDuration")?.value ?? Number.NaN;
    },
    async detach() {
      if (cpuSlowdown > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
      await cdp.detach();
    },
  };
}

/**
 * Opt-in (QUIRE_BENCH_EDITOR_PROFILE=<dir>): runs `span` under a V8 CPU profile of the page
 * (<dir>/<name>.cpuprofile) and, unless QUIRE_BENCH_EDITOR_TRACE=0, a Chromium timeline trace
 * with style, layout and paint (<dir>/<name>.trace.json). Without the variable it just runs
 * `span`. A profiled span is slower: it shows where the time goes, it is not a figure.
 */
export async function profiledSpan<T>(page: Page, name: string, span: () => Promise<T>): Promise<T> {
  const dir = process.env.QUIRE_BENCH_EDITOR_PROFILE;
  const browser = page.context().browser();
  if (!dir || !browser) return span();
  mkdirSync(dir, { recursive: true });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  const tracing = process.env.QUIRE_BENCH_EDITOR_TRACE !== "0";
  if (tracing) {
    await browser.startTracing(page, {
      path: join(dir, `${name}.trace.json`),
      categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "cc", "v8.execute"],
    });
  }
  try {
    return await span();
  } finally {
    if (tracing) await browser.stopTracing();
    const { profile } = await cdp.send("Profiler.stop");
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
}
