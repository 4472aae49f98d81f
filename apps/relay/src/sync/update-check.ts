/**
 * @module update-check
 * Validation of untrusted Yjs updates and rebuilding of stored docs. Used inline for small
 * inputs and by the decode worker (under a time budget) for large ones.
 *
 * An update is accepted only if it decodes completely (structs, content, delete set) AND
 * integrates into an empty history-keeping doc: some malformed updates decode but throw
 * half-way through Y.applyUpdate ("Unexpected case"), which must never happen on a room's
 * live doc (tests/reliability/FINDINGS.md F1).
 */
import * as Y from "yjs";
import type { ClockRange } from "@quire/core";
import { isPlainUpdate } from "./plain-update.ts";

/** A struct as Y.decodeUpdate returns it (not integrated: parent is a root name or an ID). */
export type DecodedStruct = ReturnType<typeof Y.decodeUpdate>["structs"][number];

/** [client, end clock] pairs: the highest clock (exclusive) an update touches per client. */
export type ClockEnds = [number, number][];

export type UpdateCheck =
  | {
      ok: true;
      /** No structs and no deletions. */
      empty: boolean;
      /** Per client, the end of the highest struct this update carries. */
      structEnds: ClockEnds;
      /** Per client, the first clock of the lowest struct this update carries. */
      structStarts: ClockEnds;
      /** Per client, the end of the highest range this update deletes. */
      deleteEnds: ClockEnds;
      /** The clock ranges of the structs carried (Skip gaps left out), for provenance. */
      structRanges: ClockRange[];
      /** The update's delete set as clock ranges, for provenance. */
      deletes: ClockRange[];
      /** Formatting marks (Y.Text format structs) carried: their integration is super-linear. */
      formatMarks: number;
      /** Structs carried (items, GC and skip ranges). */
      structs: number;
      /**
       * The keystroke shape (plain-update.ts): one contiguous run per client, so the room may
       * store it without a diff when every run starts past what the doc holds.
       */
      plain: boolean;
    }
  | { ok: false; reason: string };

/**
 * A fixed guid: without one, every `new Y.Doc` generates a random UUID, which costs more
 * (≈10x) than checking a typical keystroke update.
 */
const SCRATCH_OPTIONS = { gc: false, guid: "quire-scratch" } as const;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One empty doc reused across checks. A keystroke update references items the scratch doc
 * does not have, so nothing integrates and only pending state is left behind; clearing it
 * gives back an empty doc. Reuse matters because `new Y.Doc` draws its clientID from
 * crypto.getRandomValues, ~24 µs per call here: 5 % of the relay's CPU under a typing flood
 * (bench/FINDINGS.md F1). A doc where anything integrated is thrown away.
 */
let idleScratch: Y.Doc | null = null;
/** Top-level type names a reused scratch doc may collect (each update may name new ones). */
const MAX_SCRATCH_TYPES = 16;

function takeScratch(): Y.Doc {
  const doc = idleScratch ?? new Y.Doc(SCRATCH_OPTIONS);
  idleScratch = null;
  return doc;
}

function returnScratch(doc: Y.Doc): void {
  if (doc.store.clients.size > 0 || doc.share.size > MAX_SCRATCH_TYPES || idleScratch) {
    doc.destroy();
    return;
  }
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  idleScratch = doc;
}

/** Stored rows that do not decode or apply: the doc is quarantined, not retried. */
export class StoredDataError extends Error {}

/** Bounds on formatting marks, whose integration cost in Yjs is super-linear. */
export interface FormatMarkLimits {
  /** Above this many marks an update must carry at least one character per `marksPerChar` marks. */
  maxMarks: number;
  marksPerChar: number;
  /** Above this many marks the caller wants the check run in the worker: answer "defer". */
  deferAbove: number;
}

export const NO_MARK_LIMITS: FormatMarkLimits = {
  maxMarks: Number.POSITIVE_INFINITY,
  marksPerChar: Number.POSITIVE_INFINITY,
  deferAbove: Number.POSITIVE_INFINITY,
};

/**
 * Checks `update` fully; never throws. Formatting marks are counted before anything is
 * integrated: thousands of marks piled on a few characters take Yjs hundreds of ms to
 * integrate (FINDINGS.md F4), while real formatting — even a long offline session's sync
 * step 2 with thousands of marks — spreads them over many characters.
 */
export function checkUpdate(
  update: Uint8Array,
  marks: FormatMarkLimits = NO_MARK_LIMITS,
  deferIf: (structs: readonly DecodedStruct[]) => boolean = () => false,
  /** "always": run the scratch trial even for a plain update (tests compare the two paths). */
  trial: "unless-plain" | "always" = "unless-plain",
): UpdateCheck | { ok: "defer" } {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return { ok: false, reason: `malformed Yjs update: ${message(error)}` };
  }
  const structEnds = new Map<number, number>();
  const structStarts = new Map<number, number>();
  let formatMarks = 0;
  let characters = 0;
  // Structs of one client come in clock order, so a run of them is one range (FINDINGS F1:
  // this loop is on the hot path; one comparison per struct, one object per run).
  const structRanges: ClockRange[] = [];
  let run: ClockRange | undefined;
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Skip)) {
      if (run && run.client === struct.id.client && run.clock + run.len === struct.id.clock) run.len += struct.length;
      else if (struct.length > 0) {
        run = { client: struct.id.client, clock: struct.id.clock, len: struct.length };
        structRanges.push(run);
      }
    }
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentFormat) formatMarks++;
    else if (struct instanceof Y.Item) characters += struct.length;
    const end = struct.id.clock + struct.length;
    if (end > (structEnds.get(struct.id.client) ?? 0)) structEnds.set(struct.id.client, end);
    if (struct.id.clock < (structStarts.get(struct.id.client) ?? Number.POSITIVE_INFINITY)) structStarts.set(struct.id.client, struct.id.clock);
  }
  if (formatMarks > marks.maxMarks && formatMarks > marks.marksPerChar * characters) {
    return {
      ok: false,
      reason: `update piles ${formatMarks} formatting marks on ${characters} characters: too expensive to integrate`,
    };
  }
  if (formatMarks > marks.deferAbove) return { ok: "defer" };
  // Integration cost depends on the live doc (security review S1): the caller decides from
  // the structs whether to time it in the worker against the live state instead.
  if (deferIf(decoded.structs)) return { ok: "defer" };
  // A plain update provably integrates nothing into an empty doc and re-encodes without error
  // (plain-update.ts): the trial would accept it, so it is skipped — half of a keystroke's
  // check (bench/FINDINGS.md F15).
  const plain = isPlainUpdate(update, decoded);
  if (!plain || trial === "always") {
    const scratch = takeScratch();
    try {
      Y.applyUpdate(scratch, update);
    } catch (error) {
      scratch.destroy();
      return { ok: false, reason: `Yjs update cannot be applied: ${message(error)}` };
    }
    returnScratch(scratch);
  }
  const deleteEnds = new Map<number, number>();
  const deletes: ClockRange[] = [];
  for (const [client, items] of decoded.ds.clients) {
    for (const item of items) {
      if (item.len > 0) deletes.push({ client, clock: item.clock, len: item.len });
      const end = item.clock + item.len;
      if (end > (deleteEnds.get(client) ?? 0)) deleteEnds.set(client, end);
    }
  }
  return {
    ok: true,
    empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0,
    structEnds: [...structEnds],
    structStarts: [...structStarts],
    deleteEnds: [...deleteEnds],
    structRanges,
    deletes,
    formatMarks,
    structs: decoded.structs.length,
    plain,
  };
}

/**
 * Rebuilds a doc from its stored rows by applying them one by one — exactly what the live
 * doc did — and returns its state as one update (with pending structs and deletions).
 * Y.mergeUpdates is not used: it resolves structs stored twice with different content
 * differently from one-by-one application and can drop edits (FINDINGS.md F3).
 * Throws, naming the row, if a row does not decode or apply.
 */
export function rebuildState(updates: readonly Uint8Array[]): Uint8Array {
  if (updates.length === 1) {
    const check = checkUpdate(updates[0] as Uint8Array);
    if (!check.ok) throw new StoredDataError(`stored update #0: ${check.reason}`);
    return updates[0] as Uint8Array;
  }
  const doc = new Y.Doc(SCRATCH_OPTIONS);
  try {
    updates.forEach((update, index) => {
      try {
        Y.decodeUpdate(update);
        Y.applyUpdate(doc, update);
      } catch (error) {
        throw new StoredDataError(`stored update #${index}: ${message(error)}`);
      }
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** The encoding of an update with no structs and no deletions: two zero varUints. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
