/** @module decode-messages — messages between the relay and its decode worker. */
import type { CheckpointResult, CompactionResult } from "@quire/storage-sqlite";
import type { FormatMarkLimits, UpdateCheck } from "./update-check.ts";

export type DecodeRequest =
  | { id: number; kind: "check"; update: Uint8Array; marks: FormatMarkLimits }
  /** Check, then time the update's integration into `state` (the room's live state). */
  | { id: number; kind: "trial"; update: Uint8Array; marks: FormatMarkLimits; state: Uint8Array }
  | { id: number; kind: "merge"; updates: Uint8Array[] }
  /**
   * Compact `doc` in the database `file` through the worker's own connection: read, merge
   * (rebuildState), replace (issue 17: none of it on the event loop).
   */
  | { id: number; kind: "compact"; file: string; doc: string }
  /** Give freed pages back (incremental vacuum in slices), then a PASSIVE checkpoint. */
  | { id: number; kind: "vacuum"; file: string }
  /** A PASSIVE WAL checkpoint of `file` through the worker's own connection. */
  | { id: number; kind: "checkpoint"; file: string };

export type DecodeResponse =
  | { id: number; kind: "check"; result: UpdateCheck }
  /**
   * `baselineMs`: the check, which integrates the update into an empty doc; `integrateMs`:
   * integrating it into the live state's copy (null when the check failed).
   */
  | { id: number; kind: "trial"; result: UpdateCheck; baselineMs: number; integrateMs: number | null }
  | { id: number; kind: "merge"; ok: true; merged: Uint8Array }
  | { id: number; kind: "merge"; ok: false; reason: string }
  | { id: number; kind: "compact"; ok: true; result: CompactionResult }
  | { id: number; kind: "vacuum"; ok: true; releasedPages: number }
  | { id: number; kind: "vacuum"; ok: false; reason: string }
  | { id: number; kind: "compact"; ok: false; reason: string; badData: boolean }
  | { id: number; kind: "checkpoint"; ok: true; result: CheckpointResult }
  | { id: number; kind: "checkpoint"; ok: false; reason: string };
