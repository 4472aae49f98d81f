/**
 * @module decode-worker
 * Worker-thread entry (bundled to dist/decode-worker.js). Decodes large untrusted updates and
 * large stored docs off the main thread so that a decoder hang (yjs#479, yjs#498, lib0#42)
 * costs one terminated worker, not the relay; times trial integrations into a copy of a
 * room's live state so a valid but quadratic update (security review S1) is measured here,
 * not on the main thread. The compaction instance also compacts stored docs and checkpoints
 * the WAL through a database connection of its own (MaintenanceConnection, issue 17).
 */
import { parentPort } from "node:worker_threads";
import { MaintenanceConnection } from "@quire/storage-sqlite";
import type { DecodeRequest, DecodeResponse } from "./decode-messages.ts";
import { timeIntegration } from "./integration-trial.ts";
import { type FormatMarkLimits, StoredDataError, type UpdateCheck, checkUpdate, rebuildState } from "./update-check.ts";

/** One connection per database file, opened by the first job that needs it. */
const connections = new Map<string, MaintenanceConnection>();

function connectionTo(file: string): MaintenanceConnection {
  let connection = connections.get(file);
  if (!connection) {
    connection = new MaintenanceConnection(file);
    connections.set(file, connection);
  }
  return connection;
}

function compact(id: number, file: string, doc: string): DecodeResponse {
  try {
    // The answer goes back as soon as the replace committed: the relay's usage totals must not
    // lag the rows while freed pages are returned (a separate "vacuum" job).
    return { id, kind: "compact", ok: true, result: connectionTo(file).compact(doc, rebuildState) };
  } catch (error) {
    return { id, kind: "compact", ok: false, reason: error instanceof Error ? error.message : String(error), badData: error instanceof StoredDataError };
  }
}

function vacuum(id: number, file: string): DecodeResponse {
  try {
    const connection = connectionTo(file);
    const releasedPages = connection.releaseFreePages();
    connection.checkpoint();
    return { id, kind: "vacuum", ok: true, releasedPages };
  } catch (error) {
    return { id, kind: "vacuum", ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function checkpoint(id: number, file: string): DecodeResponse {
  try {
    return { id, kind: "checkpoint", ok: true, result: connectionTo(file).checkpoint() };
  } catch (error) {
    return { id, kind: "checkpoint", ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

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
  } else if (request.kind === "compact") {
    response = compact(request.id, request.file, request.doc);
  } else if (request.kind === "vacuum") {
    response = vacuum(request.id, request.file);
  } else if (request.kind === "checkpoint") {
    response = checkpoint(request.id, request.file);
  } else {
    try {
      response = { id: request.id, kind: "merge", ok: true, merged: rebuildState(request.updates) };
    } catch (error) {
      response = { id: request.id, kind: "merge", ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }
  parentPort?.postMessage(response);
});
