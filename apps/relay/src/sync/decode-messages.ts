/** @module decode-messages — messages between the relay and its decode worker. */
import type { StoredUpdates } from "@quire/storage";
import type { CheckpointResult, CompactionResult } from "@quire/storage-sqlite";
import type { FormatMarkLimits, UpdateCheck } from "./update-check.ts";

export type DecodeRequest =
  | { id: number; kind: "check"; update: Uint8Array; marks: FormatMarkLimits }
  /** Check, then time the update's integration into `state` (the room's live state). */
  | { id: number; kind: "trial"; update: Uint8Array; marks: FormatMarkLimits; state: Uint8Array }
  | { id: number; kind: "merge"; updates: Uint8Array[] }
  /**
   * Compact `doc` in the database `file` through the worker's own connection: read, merge
   * (rebuildState), replace, give freed pages back (issue 17: none of it on the event loop).
   */
  | { id: number; kind: "compact"; file: string; doc: string }
  /** Read `doc`'s stored rows (and check their checksums) through the worker's own connection. */
  | { id: number; kind: "read"; file: string; doc: string }
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
  | { id: number; kind: "compact"; ok: true; result: CompactionResult; releasedPages: number }
  | { id: number; kind: "compact"; ok: false; reason: string; badData: boolean }
  | { id: number; kind: "read"; ok: true; stored: StoredUpdates }
  | { id: number; kind: "read"; ok: false; reason: string }
  | { id: number; kind: "checkpoint"; ok: true; result: CheckpointResult }
  | { id: number; kind: "checkpoint"; ok: false; reason: string };
