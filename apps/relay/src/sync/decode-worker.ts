/**
 * @module decode-worker
 * Worker-thread entry (bundled to dist/decode-worker.js). Decodes large untrusted updates and
 * large stored docs off the main thread so that a decoder hang (yjs#479, yjs#498, lib0#42)
 * costs one terminated worker, not the relay; times trial integrations into a copy of a
 * room's live state so a valid but quadratic update (security review S1) is measured here,
 * not on the main thread.
 */
import { parentPort } from "node:worker_threads";
import type { DecodeRequest, DecodeResponse } from "./decode-messages.ts";
import { timeIntegration } from "./integration-trial.ts";
import { type FormatMarkLimits, type UpdateCheck, checkUpdate, rebuildState } from "./update-check.ts";

function fullCheck(update: Uint8Array, marks: FormatMarkLimits): UpdateCheck {
  const result = checkUpdate(update, { ...marks, deferAbove: Number.POSITIVE_INFINITY });
  return result.ok === "defer" ? { ok: false, reason: "internal: deferred in worker" } : result;
}

parentPort?.on("message", (request: DecodeRequest) => {
  let response: DecodeResponse;
  if (request.kind === "check") {
    response = { id: request.id, kind: "check", result: fullCheck(request.update, request.marks) };
  } else if (request.kind === "trial") {
    const started = performance.now();
    const result = fullCheck(request.update, request.marks);
    const baselineMs = performance.now() - started;
    const integrateMs = result.ok && !result.empty ? timeIntegration(request.state, request.update) : null;
    response = { id: request.id, kind: "trial", result, baselineMs, integrateMs };
  } else {
    try {
      response = { id: request.id, kind: "merge", ok: true, merged: rebuildState(request.updates) };
    } catch (error) {
      response = { id: request.id, kind: "merge", ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }
  parentPort?.postMessage(response);
});
