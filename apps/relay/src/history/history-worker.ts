/**
 * @module history-worker
 * Worker-thread entry (bundled to dist/history-worker.js), so the seconds a long document
 * takes never stall the relay's sockets:
 * - restore and member-revert plans, computed with @quire/history on a copy of a room's doc;
 *   the result is an ordinary Yjs update the relay then commits through the room like a
 *   socket's update;
 * - the history index (HistoryCache: one DocHistory per recently asked doc) and what is asked
 *   of it — a version's update, contributions — read from the relay's database through a
 *   read-only connection of this worker's own (WAL: readers never block the relay's writes).
 */
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";
import { createQuireDoc } from "@quire/core";
import { DocHistory, contributions, restorePlan, revertMemberPlan, versionUpdate } from "@quire/history";
import { StoredDocsReader } from "@quire/storage-sqlite";
import { HistoryCache, type HistorySource } from "./HistoryCache.ts";
import type { HistoryRequest, HistoryResponse, IndexRequest, PlanRequest, PlanResponse } from "./plan-messages.ts";
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
  return { id: request.id, kind: "plan", ok: true, ...result };
}

/** One index cache per data dir (a relay has one), and the generation each doc's index is of. */
const caches = new Map<string, { cache: HistoryCache; generations: Map<string, number> }>();

function cacheFor(request: IndexRequest): HistoryCache {
  let known = caches.get(request.dataDir);
  if (!known) {
    const reader = new StoredDocsReader(request.dataDir);
    const source: HistorySource = {
      // One read transaction: the relay may commit (or compact) between separate reads.
      read: (doc) => reader.consistent(() => ({ rows: reader.rows(doc), records: reader.provenance(doc), owners: reader.owners(doc) })),
      provenance: (doc, query) => reader.provenance(doc, query),
    };
    known = { cache: new HistoryCache(source, request.limits), generations: new Map() };
    caches.set(request.dataDir, known);
  }
  // Retention rewrote the doc's old records (its newest one stays): the index must go.
  if ((known.generations.get(request.doc) ?? 0) !== request.generation) {
    known.cache.forget(request.doc);
    known.generations.set(request.doc, request.generation);
  }
  return known.cache;
}

async function ask(request: IndexRequest): Promise<HistoryResponse> {
  const cache = cacheFor(request);
  switch (request.kind) {
    case "warm":
      await cache.get(request.doc);
      return { id: request.id, kind: "warm", ok: true };
    case "contributions":
      return { id: request.id, kind: "contributions", ok: true, rows: contributions(await cache.get(request.doc)) };
    case "version": {
      const history = await cache.get(request.doc);
      const update = versionUpdate(history, request.version);
      return { id: request.id, kind: "version", ok: true, update };
    }
  }
}

parentPort?.on("message", async (request: HistoryRequest) => {
  let response: HistoryResponse;
  try {
    response = request.kind === "plan" ? plan(request) : await ask(request);
  } catch (error) {
    response = { id: request.id, kind: request.kind, ok: false, reason: error instanceof Error ? error.message : String(error) } as HistoryResponse;
  }
  // The update's buffer is moved, not copied (a version of a long doc is hundreds of KB).
  const transfer = response.ok && response.kind === "version" ? [response.update.buffer as ArrayBuffer] : [];
  parentPort?.postMessage(response, transfer);
});
