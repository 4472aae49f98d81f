import { describe, expect, it } from "vitest";
import { SyncQueue } from "./SyncQueue.ts";

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2_000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("SyncQueue", () => {
  it("runs at most `concurrency` jobs at once, in the order added", async () => {
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    let running = 0;
    let maxRunning = 0;
    const queue = new SyncQueue<string>({
      concurrency: 2,
      timeoutMs: 10_000,
      retryBaseMs: 10,
      retryMaxMs: 10,
      run: async (key) => {
        started.push(key);
        running++;
        maxRunning = Math.max(maxRunning, running);
        const gate = deferred();
        gates.set(key, gate);
        await gate.promise;
        running--;
      },
    });
    queue.addAll(["a", "b", "c", "d", "e"]);
    queue.add("c"); // Already queued: no duplicate.
    expect(started).toEqual(["a", "b"]);
    expect(queue.pending()).toBe(5);
    gates.get("b")?.resolve();
    await until(() => started.length === 3, "third job");
    expect(started).toEqual(["a", "b", "c"]);
    for (const key of ["a", "c", "d", "e"]) {
      await until(() => gates.has(key), `job ${key}`);
      gates.get(key)?.resolve();
    }
    await until(() => queue.pending() === 0, "queue to drain");
    expect(started).toEqual(["a", "b", "c", "d", "e"]);
    expect(maxRunning).toBe(2);
    expect(queue.completed).toEqual(["b", "a", "c", "d", "e"]);
  });

  it("retries a failed job with backoff, and a job added while running runs again", async () => {
    const attempts: string[] = [];
    let failuresLeft = 2;
    const gate = deferred();
    const queue = new SyncQueue<string>({
      concurrency: 1,
      timeoutMs: 10_000,
      retryBaseMs: 5,
      retryMaxMs: 20,
      run: async (key) => {
        attempts.push(key);
        if (key === "flaky" && failuresLeft-- > 0) throw new Error("relay went away");
        if (key === "slow" && attempts.filter((k) => k === "slow").length === 1) await gate.promise;
      },
    });
    queue.add("flaky");
    await until(() => queue.completed.includes("flaky"), "flaky to succeed");
    expect(attempts).toEqual(["flaky", "flaky", "flaky"]);
    queue.add("slow");
    await tick();
    queue.add("slow"); // The index changed while it synced: sync it once more.
    gate.resolve();
    await until(() => queue.pending() === 0, "slow twice");
    expect(attempts.filter((k) => k === "slow")).toHaveLength(2);
  });

  it("times out a stuck job, aborts it, and retries it", async () => {
    let aborted = 0;
    let calls = 0;
    const queue = new SyncQueue<string>({
      concurrency: 1,
      timeoutMs: 20,
      retryBaseMs: 5,
      retryMaxMs: 5,
      run: (_key, signal) => {
        calls++;
        if (calls > 1) return Promise.resolve();
        signal.addEventListener("abort", () => aborted++);
        return new Promise<void>(() => {}); // Never settles: a socket that never syncs.
      },
    });
    queue.add("stuck");
    await until(() => queue.completed.includes("stuck"), "retry after timeout");
    expect(aborted).toBe(1);
    expect(calls).toBe(2);
  });

  it("starts nothing while paused and resumes in order; add() runs a waiting retry now", async () => {
    const started: string[] = [];
    let fail = true;
    const queue = new SyncQueue<string>({
      concurrency: 2,
      timeoutMs: 1_000,
      retryBaseMs: 60_000,
      retryMaxMs: 60_000,
      run: async (key) => {
        started.push(key);
        if (key === "x" && fail) throw new Error("offline");
      },
    });
    queue.pause();
    queue.addAll(["x", "y"]);
    await tick();
    expect(started).toEqual([]);
    queue.resume();
    await until(() => started.length === 2, "both");
    await until(() => queue.active() === 0, "idle");
    expect(queue.pending()).toBe(1); // x waits a minute to retry...
    fail = false;
    queue.add("x"); // ...unless we reconnect and add it again.
    await until(() => queue.pending() === 0, "x retried");
    expect(started).toEqual(["x", "y", "x"]);
    queue.destroy();
  });
});
