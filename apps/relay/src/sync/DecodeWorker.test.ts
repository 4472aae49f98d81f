import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { DecodeTimeoutError, DecodeWorker } from "./DecodeWorker.ts";

// A real worker thread that answers the first job and then hangs forever on "check" jobs
// for an update whose first byte is 0xee — what a decoder caught in an infinite loop does.
const dir = mkdtempSync(join(tmpdir(), "quire-worker-"));
const workerFile = join(dir, "worker.mjs");
writeFileSync(
  workerFile,
  `import { parentPort } from "node:worker_threads";
parentPort.on("message", (job) => {
  if (job.kind === "check" && job.update[0] === 0xee) { for (;;) {} }
  parentPort.postMessage({ id: job.id, kind: "check", result: { ok: true, empty: false } });
});`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("DecodeWorker", () => {
  it("fails a job that exceeds the budget, terminates the hung worker and recovers", async () => {
    const worker = new DecodeWorker(pathToFileURL(workerFile), 300);
    await expect(worker.check(new Uint8Array([1]))).resolves.toEqual({ ok: true, empty: false });
    const hung = worker.check(new Uint8Array([0xee]));
    const queued = worker.check(new Uint8Array([2]));
    await expect(hung).rejects.toBeInstanceOf(DecodeTimeoutError);
    // The job queued behind the hung one runs on a fresh worker.
    await expect(queued).resolves.toEqual({ ok: true, empty: false });
    await worker.close();
    await expect(worker.check(new Uint8Array([3]))).rejects.toThrow(/shutting down/);
  });
});
