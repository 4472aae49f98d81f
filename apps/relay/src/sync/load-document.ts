/**
 * @module load-document
 * Reads a doc's stored rows through the storage port and turns them into what a fresh room
 * applies, under the decode budgets (security review S1, bench/FINDINGS.md F4).
 */
import type { StoragePort, StoredUpdates } from "@quire/storage";
import { type RelayLimits, mergeBudgetMs } from "../config.ts";
import { log } from "../log.ts";
import { type DecodeWorker, DecodeTimeoutError } from "./DecodeWorker.ts";

export interface LoadedDocument {
  /** Updates to apply to the empty doc, in order. */
  rows: Uint8Array[];
  /** Rows stored for the doc now (for the compaction trigger). */
  storedRows: number;
  /** Loading needed the stored-data retry budget: compact as soon as the doc is ready. */
  compactOnceReady: boolean;
}

export interface LoadContext {
  store: StoragePort;
  decoder: DecodeWorker;
  limits: RelayLimits;
}

/**
 * Loads `name`. `stillLoading` tells whether the room still wants the result (a shutdown or
 * failure meanwhile makes a timeout final instead of retrying).
 */
export async function loadDocument(name: string, context: LoadContext, stillLoading: () => boolean): Promise<LoadedDocument> {
  const stored = await context.store.load(name);
  const loaded: LoadedDocument = { rows: [], storedRows: stored.updates.length, compactOnceReady: false };
  loaded.rows = await rowsToApply(name, stored, context, stillLoading, () => {
    loaded.compactOnceReady = true;
  });
  return loaded;
}

/**
 * What to apply to the fresh doc. One verified row (checked when accepted, checksum intact)
 * is applied as it is: checking it again in a scratch doc doubled a cold join's time
 * (bench/FINDINGS.md F4), and it is either a compacted state (which integrates in
 * near-linear time) or one accepted update (timed against the live state when accepted).
 * Several rows, or unverified ones, are rebuilt one by one in the worker under the time
 * budget and the main thread applies the merged state: applying rows one after another can
 * be quadratic even when each is small (two 80 KiB rows: ~8 s, security review S1).
 */
async function rowsToApply(
  name: string,
  stored: StoredUpdates,
  context: LoadContext,
  stillLoading: () => boolean,
  neededRetry: () => void,
): Promise<Uint8Array[]> {
  if (stored.updates.length === 0) return [];
  if (stored.verified && stored.updates.length === 1) return stored.updates;
  return [await rebuildInWorker(name, stored.updates, stored.bytes, context, stillLoading, neededRetry)];
}

/**
 * Rebuilds a large doc in the worker. A first overrun of the size-scaled budget gets one
 * retry with storedDataBudgetMs: these rows were validated when accepted, so slowness is
 * not a hang, and already-accepted data must not become unavailable (FINDINGS.md F4).
 * A doc that needed the retry is compacted right away so its next load is one row.
 */
async function rebuildInWorker(
  name: string,
  updates: Uint8Array[],
  bytes: number,
  { decoder, limits }: LoadContext,
  stillLoading: () => boolean,
  neededRetry: () => void,
): Promise<Uint8Array> {
  try {
    return await decoder.merge(updates, mergeBudgetMs(limits, bytes, updates.length));
  } catch (error) {
    if (!(error instanceof DecodeTimeoutError) || !stillLoading()) throw error;
    log.warn("document slow to load; retrying with the stored-data budget", { doc: name, rows: updates.length, bytes });
    const state = await decoder.merge(updates, limits.storedDataBudgetMs);
    neededRetry();
    return state;
  }
}
