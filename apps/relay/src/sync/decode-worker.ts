/**
 * @module decode-worker
 * Worker-thread entry (bundled to dist/decode-worker.js). Decodes large untrusted updates and
 * large stored docs off the main thread so that a decoder hang (yjs#479, yjs#498, lib0#42)
 * costs one terminated worker, not the relay.
 */
import { parentPort } from "node:worker_threads";
import { checkUpdate, rebuildState } from "./update-check.ts";
import type { DecodeRequest, DecodeResponse } from "./decode-messages.ts";

parentPort?.on("message", (request: DecodeRequest) => {
  let response: DecodeResponse;
  if (request.kind === "check") {
    const result = checkUpdate(request.update, { ...request.marks, deferAbove: Number.POSITIVE_INFINITY });
    response = { id: request.id, kind: "check", result: result.ok === "defer" ? { ok: false, reason: "internal: deferred in worker" } : result };
  } else {
    try {
      response = { id: request.id, kind: "merge", ok: true, merged: rebuildState(request.updates) };
    } catch (error) {
      response = { id: request.id, kind: "merge", ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }
  parentPort?.postMessage(response);
});
