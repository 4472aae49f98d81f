/** @module decode-messages — messages between the relay and its decode worker. */
import type { FormatMarkLimits, UpdateCheck } from "./update-check.ts";

export type DecodeRequest =
  | { id: number; kind: "check"; update: Uint8Array; marks: FormatMarkLimits }
  | { id: number; kind: "merge"; updates: Uint8Array[] };

export type DecodeResponse =
  | { id: number; kind: "check"; result: UpdateCheck }
  | { id: number; kind: "merge"; ok: true; merged: Uint8Array }
  | { id: number; kind: "merge"; ok: false; reason: string };
