/**
 * @module plan-messages
 * Messages between the relay and its history worker (history-worker.ts): a restore or a
 * member revert computed on a copy of the doc, off the event loop (B4-sized docs take ~3 s).
 */
import type { ProvenanceRecord } from "@quire/core";
import type { Author } from "@quire/history";

/** What to change the doc to: a version (record seq), or one member's changes undone. */
export type PlanTarget = { kind: "restore"; seq: number } | { kind: "revert"; userId: string; from: number; to: number };

export interface PlanRequest {
  id: number;
  /** `Y.encodeStateAsUpdate` of the room's doc (gc off: full history). */
  state: Uint8Array;
  records: ProvenanceRecord[];
  bindings: [number, Author][];
  target: PlanTarget;
  /** The fresh Yjs client id bound to the person restoring. */
  clientId: number;
}

export type PlanResponse =
  | { id: number; ok: true; update: Uint8Array | null; restoredChars: number; deletedChars: number }
  | { id: number; ok: false; reason: string };
