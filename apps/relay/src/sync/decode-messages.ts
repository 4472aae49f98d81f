/** @module decode-messages — messages between the relay and its decode worker. */
import type { FormatMarkLimits, UpdateCheck } from "./update-check.ts";

export type DecodeRequest =
  | { id: number; kind: "check"; update: Uint8Array; marks: FormatMarkLimits }
  /** Check, then time the update's integration into `state` (the room's live state). */
  | { id: number; kind: "trial"; update: Uint8Array; marks: FormatMarkLimits; state: Uint8Array }
  | { id: number; kind: "merge"; updates: Uint8Array[] };

export type DecodeResponse =
  | { id: number; kind: "check"; result: UpdateCheck }
  /**
   * `baselineMs`: the check, which integrates the update into an empty doc; `integrateMs`:
   * integrating it into the live state's copy (null when the check failed).
   */
  | { id: number; kind: "trial"; result: UpdateCheck; baselineMs: number; integrateMs: number | null }
  | { id: number; kind: "merge"; ok: true; merged: Uint8Array }
  | { id: number; kind: "merge"; ok: false; reason: string };
