/**
 * @module DocHistory
 * One document's history, indexed once: the doc (full history, gc off), the relay's
 * provenance records and the client-id → user binding. Every question (a version's text or
 * update, a diff, attribution, contributions, sessions) is answered from the index.
 *
 * Invariants:
 * - Built from a doc with `gc: false`; a gc'd doc has lost what history shows, so we refuse it.
 * - Read-only toward the doc: nothing here splits its structs or writes to it.
 * - The indexes are built on first use: a versions list or a version's update (records and the
 *   struct store only) does not pay for the run table that texts, diffs and figures need.
 * - A version is a record `seq` ("the doc after that record"), `CURRENT`, or a checkpoint.
 *   Records arrive in causal order, so every seq names a state that really existed at the relay.
 * - After the doc or the records change, build a new DocHistory (it does not follow them).
 */
import type { Checkpoint, ProvenanceRecord } from "@quire/core";
import type * as Y from "yjs";
import { CURRENT, ClockIndex } from "./clock-index.ts";
import { OriginIndex } from "./origin-map.ts";
import { buildRunTable, type RunTable } from "./run-table.ts";

/** Who a Yjs client id is bound to at the relay (who wrote under it). */
export interface Author {
  userId: string;
  name: string;
}

export type ClientBindings = ReadonlyMap<number, Author>;

/** A version: a record seq, the current doc, or a relay checkpoint. */
export type VersionRef = number | "current" | Checkpoint;

const UNKNOWN_NAME = "Unknown";

export class DocHistory {
  readonly doc: Y.Doc;
  readonly records: readonly ProvenanceRecord[];
  readonly bindings: ClientBindings;
  private readonly bySeq = new Map<number, ProvenanceRecord>();
  private clockIndex: ClockIndex | null = null;
  private originIndex: OriginIndex | null = null;
  private runTable: RunTable | null = null;

  constructor(doc: Y.Doc, records: readonly ProvenanceRecord[], bindings: ClientBindings) {
    if (doc.gc) throw new Error("DocHistory needs a doc with gc off (createQuireDoc): a gc'd doc has no history");
    this.doc = doc;
    this.records = [...records].sort((a, b) => a.seq - b.seq);
    for (const r of this.records) this.bySeq.set(r.seq, r);
    this.bindings = bindings;
  }

  /** Which record inserted and deleted each clock unit (built on first use). */
  get clocks(): ClockIndex {
    this.clockIndex ??= new ClockIndex(this.records);
    return this.clockIndex;
  }

  /** Where restored text came from (built on first use). */
  get origins(): OriginIndex {
    this.originIndex ??= OriginIndex.fromDoc(this.doc);
    return this.originIndex;
  }

  /** The doc flattened into runs (built on first use; see run-table.ts). */
  get runs(): RunTable {
    this.runTable ??= buildRunTable(this.doc, this.clocks, this.origins);
    return this.runTable;
  }

  record(seq: number): ProvenanceRecord | undefined {
    return this.bySeq.get(seq);
  }

  /** The seq a version stands for (CURRENT for the current doc). */
  seqOf(version: VersionRef): number {
    if (version === "current") return CURRENT;
    if (typeof version === "number") return version;
    return version.seq;
  }

  /**
   * Who wrote under `client`: its binding; failing that, the sender of the record that
   * brought it (a client never bound, e.g. history from before binding existed).
   */
  authorOfClient(client: number, insSeq: number): Author {
    const bound = this.bindings.get(client);
    if (bound) return bound;
    const r = this.bySeq.get(insSeq);
    if (r) return { userId: r.userId, name: r.name };
    return { userId: `client:${client}`, name: UNKNOWN_NAME };
  }

  /** The user who sent record `seq` (who made a deletion), or null when unrecorded. */
  senderOf(seq: number): Author | null {
    const r = this.bySeq.get(seq);
    return r ? { userId: r.userId, name: r.name } : null;
  }
}
