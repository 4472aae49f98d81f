/**
 * @module plan-messages
 * Messages between the relay and its history worker (history-worker.ts), everything there
 * runs off the event loop:
 * - `plan`: a restore or a member revert computed on a copy of the doc (B4-sized docs ~3 s);
 * - `version`, `contributions`, `warm`: questions to the doc's history index, which
 *   the worker builds and keeps from the database through a read-only connection of its own
 *   (indexing B4 takes 0.3–0.6 s: on the event loop it stalled every socket of the relay).
 */
import type { ProvenanceRecord } from "@quire/core";
import type { Author, Contribution } from "@quire/history";
import type { HistoryCacheLimits } from "./HistoryCache.ts";

/** What to change the doc to: a version (record seq), or one member's changes undone. */
export type PlanTarget = { kind: "restore"; seq: number } | { kind: "revert"; userId: string; from: number; to: number };

export interface PlanRequest {
  id: number;
  kind: "plan";
  /** `Y.encodeStateAsUpdate` of the room's doc (gc off: full history). */
  state: Uint8Array;
  records: ProvenanceRecord[];
  bindings: [number, Author][];
  target: PlanTarget;
  /** The fresh Yjs client id bound to the person restoring. */
  clientId: number;
}

/** Which doc of which database, and the index cache's limits (the relay's config). */
interface IndexTarget {
  id: number;
  /** The relay's data dir (the worker opens its database read-only). */
  dataDir: string;
  doc: string;
  /** Bumped by the relay when the doc's old records were rewritten (retention): rebuild. */
  generation: number;
  limits: HistoryCacheLimits;
}

export type IndexRequest =
  | (IndexTarget & { kind: "version"; version: { seq: number; at: number; snapshot: Uint8Array } })
  | (IndexTarget & { kind: "contributions" })
  /** Builds the index now if it is missing or stale (a versions list: a view comes next). */
  | (IndexTarget & { kind: "warm" });

export type HistoryRequest = PlanRequest | IndexRequest;

export type PlanResponse =
  | { id: number; kind: "plan"; ok: true; update: Uint8Array | null; restoredChars: number; deletedChars: number }
  | { id: number; kind: "plan"; ok: false; reason: string };

export type IndexResponse =
  | { id: number; kind: "version"; ok: true; update: Uint8Array }
  | { id: number; kind: "contributions"; ok: true; rows: Contribution[] }
  | { id: number; kind: "warm"; ok: true }
  | { id: number; kind: IndexRequest["kind"]; ok: false; reason: string };

export type HistoryResponse = PlanResponse | IndexResponse;

/** A request as callers write it: the worker wrapper numbers it. */
export type Unnumbered<T> = T extends unknown ? Omit<T, "id"> : never;
