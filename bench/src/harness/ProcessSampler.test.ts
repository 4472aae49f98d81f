import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ProcessSampler, readProc } from "./ProcessSampler.ts";

describe("ProcessSampler", () => {
  it("reads this process's RSS and CPU from /proc", () => {
    const snapshot = readProc(process.pid);
    expect(snapshot.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(snapshot.peakRssBytes).toBeGreaterThanOrEqual(snapshot.rssBytes);
    expect(snapshot.cpuSeconds).toBeGreaterThan(0);
  });

  it("sees CPU burnt by another process and its memory", async () => {
    // A child that touches 64 MiB, says so, then spins until killed.
    const child = spawn(process.execPath, ["-e", "const a = Buffer.alloc(64 * 1024 * 1024, 1); console.log('ready', a.length); for (;;) {}"]);
    try {
      await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
      const sampler = new ProcessSampler(child.pid as number, 20);
      sampler.start();
      // Wait for CPU to be accounted rather than for a fixed time: the machine may be busy.
      const start = readProc(child.pid as number).cpuSeconds;
      const deadline = Date.now() + 30_000;
      while (readProc(child.pid as number).cpuSeconds - start < 0.1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const usage = sampler.stop();
      expect(usage.cpuSeconds).toBeGreaterThanOrEqual(0.1);
      expect(usage.maxRssBytes).toBeGreaterThan(64 * 1024 * 1024);
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});
