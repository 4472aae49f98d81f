/**
 * @module page-cdp
 * Chrome DevTools Protocol measurements of one page: CPU throttling (a cheap laptop or an old
 * phone is emulated as this machine's CPU slowed N×), the JS heap after a forced GC, and the
 * main thread's busy time (Performance.getMetrics "TaskDuration", seconds of tasks).
 */
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
