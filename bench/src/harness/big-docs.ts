/**
 * @module big-docs
 * Large documents for cold-join benchmarks: the final state of the B4 trace (automerge-paper
 * replayed into a history-keeping doc) and B4 ×N (the whole trace replayed N times, each
 * repetition appended, as crdt-benchmarks' B4x100 does). Building ×10 takes tens of seconds,
 * so results are cached in the OS temp dir, keyed by trace, op count and repetitions.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createQuireDoc } from "@quire/core";
import * as Y from "yjs";
import { type Trace, expectedText } from "./traces.ts";

export interface BigDoc {
  label: string;
  /** Encoded state (V1), as a client would send it. */
  update: Uint8Array;
  expected: string;
}

const CACHE_DIR = join(tmpdir(), "quire-bench-cache");

export function bigDoc(trace: Trace, opCount: number, repetitions: number): BigDoc {
  const base = expectedText(trace, opCount);
  const expected = base.repeat(repetitions);
  const label = `${trace.name}${opCount === trace.ops.length ? "" : ` (first ${opCount} ops)`}${repetitions > 1 ? ` ×${repetitions}` : ""}`;
  const file = join(CACHE_DIR, `${trace.name}-${opCount}-x${repetitions}.v1`);
  if (existsSync(file)) {
    const update = new Uint8Array(readFileSync(file));
    if (textOf(update) === expected) return { label, update, expected };
  }
  const doc = createQuireDoc();
  const text = doc.getText("text");
  for (let r = 0; r < repetitions; r++) {
    const offset = text.length;
    // One transaction per repetition: the doc's content is what matters here, not B4 timing.
    doc.transact(() => {
      for (let i = 0; i < opCount; i++) {
        const op = trace.ops[i];
        if (!op) break;
        if (op.del > 0) text.delete(offset + op.pos, op.del);
        if (op.ins) text.insert(offset + op.pos, op.ins);
      }
    });
  }
  if (text.toString() !== expected) throw new Error(`${label}: built doc differs from the trace`);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(file, update);
  return { label, update, expected };
}

function textOf(update: Uint8Array): string {
  const doc = createQuireDoc();
  Y.applyUpdate(doc, update);
  const text = doc.getText("text").toString();
  doc.destroy();
  return text;
}
