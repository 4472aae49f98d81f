import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { EventLoopProbe, eventLoopEnv, parseWindow } from "./EventLoopProbe.ts";

const children: { kill(): void }[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/** A real Node process with the real preload: it blocks its own loop for 80 ms once asked to. */
async function startBlocker(): Promise<{ probe: EventLoopProbe; block(): void }> {
  const { dir, preload } = eventLoopEnv();
  const script = "process.stdin.on('data', () => { const t = Date.now(); while (Date.now() - t < 80); }); console.log('up');";
  const child = spawn(process.execPath, ["-e", script], { env: { ...process.env, NODE_OPTIONS: preload, EVENT_LOOP_DIR: dir }, stdio: ["pipe", "pipe", "inherit"] });
  children.push(child);
  await new Promise((r) => child.stdout.once("data", r));
  const pid = child.pid as number;
  return { probe: new EventLoopProbe(() => pid, dir), block: () => child.stdin.write("x") };
}

describe("EventLoopProbe", () => {
  it("reports a stall inside the window it happened in, and not in the next one", async () => {
    const { probe, block } = await startBlocker();
    await probe.mark();
    block();
    await new Promise((r) => setTimeout(r, 300));
    const stalled = await probe.read();
    expect(stalled.maxMs).toBeGreaterThanOrEqual(60);
    expect(stalled.stalls.some((s) => s.ms >= 60)).toBe(true);
    expect(stalled.toMono).toBeGreaterThan(stalled.fromMono);
    await new Promise((r) => setTimeout(r, 200));
    const quiet = await probe.read();
    expect(quiet.stalls.every((s) => s.ms < 60)).toBe(true);
    probe.remove();
  });

  it("refuses a report without its figures", () => {
    expect(() => parseWindow({ from: 1 })).toThrow(/without/);
    expect(() => parseWindow(null)).toThrow();
  });
});
