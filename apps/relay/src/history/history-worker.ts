/**
 * @module history-worker
 * Worker-thread entry (bundled to dist/history-worker.js): computes restore and member-revert
 * plans with @quire/history on a copy of a room's doc, so the seconds a long document takes
 * never stall the relay's sockets. The result is an ordinary Yjs update the relay then
 * commits through the room like a socket's update.
 */
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";
import { createQuireDoc } from "@quire/core";
import { DocHistory, restorePlan, revertMemberPlan } from "@quire/history";
import type { PlanRequest, PlanResponse } from "./plan-messages.ts";
import { typeTextRoots } from "./text-roots.ts";

function plan(request: PlanRequest): PlanResponse {
  const doc = createQuireDoc();
  Y.applyUpdate(doc, request.state);
  typeTextRoots(doc);
  const history = new DocHistory(doc, request.records, new Map(request.bindings));
  const options = { clientId: request.clientId };
  const { target } = request;
  const result = target.kind === "restore" ? restorePlan(history, target.seq, options) : revertMemberPlan(history, target, options);
  doc.destroy();
  return { id: request.id, ok: true, ...result };
}

parentPort?.on("message", (request: PlanRequest) => {
  let response: PlanResponse;
  try {
    response = plan(request);
  } catch (error) {
    response = { id: request.id, ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(response);
});
