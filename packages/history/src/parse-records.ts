/**
 * @module parse-records
 * Provenance records that crossed a trust boundary (the web app reads them as JSON over HTTP,
 * a tool from a file) are checked here before DocHistory trusts them: shapes, integer ranges,
 * `firstAt ≤ lastAt`, unique seqs, bounded string and list sizes. Inside the library they are
 * then trusted. The relay, which wrote them, may pass its own records directly.
 */
import type { ClockRange, ProvenanceRecord } from "@quire/core";

/**
 * Bounds on untrusted record lists. The defaults are far above a real doc (the B4 trace, 260k
 * edits, makes 13k records of 20 edits) yet keep a hostile response from exhausting memory.
 */
export interface RecordLimits {
  maxRecords: number;
  maxRangesPerRecord: number;
  maxStringLength: number;
}

export const DEFAULT_RECORD_LIMITS: RecordLimits = { maxRecords: 1_000_000, maxRangesPerRecord: 100_000, maxStringLength: 1024 };

export function parseProvenanceRecords(raw: unknown, limits: RecordLimits = DEFAULT_RECORD_LIMITS): ProvenanceRecord[] {
  if (!Array.isArray(raw)) throw new TypeError("provenance records: expected an array");
  if (raw.length > limits.maxRecords) throw new RangeError(`provenance records: more than ${limits.maxRecords}`);
  const seen = new Set<number>();
  return raw.map((r, i) => {
    const rec = parseRecord(r, i, limits);
    if (seen.has(rec.seq)) throw new TypeError(`provenance record ${i}: duplicate seq ${rec.seq}`);
    seen.add(rec.seq);
    return rec;
  });
}

function parseRecord(raw: unknown, i: number, limits: RecordLimits): ProvenanceRecord {
  const bad = (why: string) => new TypeError(`provenance record ${i}: ${why}`);
  if (typeof raw !== "object" || raw === null) throw bad("not an object");
  const r = raw as Record<string, unknown>;
  const int = (key: string) => {
    const v = r[key];
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw bad(`${key} is not a non-negative integer`);
    return v;
  };
  const str = (key: string) => {
    const v = r[key];
    if (typeof v !== "string" || v.length > limits.maxStringLength) throw bad(`${key} is not a string of at most ${limits.maxStringLength}`);
    return v;
  };
  const ranges = (key: string): ClockRange[] => {
    const v = r[key];
    if (!Array.isArray(v) || v.length > limits.maxRangesPerRecord) throw bad(`${key} is not a list of at most ${limits.maxRangesPerRecord} ranges`);
    return v.map((x: unknown) => {
      const c = (typeof x === "object" && x !== null ? x : {}) as Record<string, unknown>;
      const { client, clock, len } = c;
      const ok = (n: unknown, min: number) => typeof n === "number" && Number.isSafeInteger(n) && n >= min;
      if (!ok(client, 0) || (client as number) > 0xffffffff || !ok(clock, 0) || !ok(len, 1)) throw bad(`${key} holds a malformed range`);
      return { client: client as number, clock: clock as number, len: len as number };
    });
  };
  const firstAt = int("firstAt");
  const lastAt = int("lastAt");
  if (firstAt > lastAt) throw bad("firstAt is after lastAt");
  const rec: ProvenanceRecord = {
    seq: int("seq"),
    userId: str("userId"),
    name: str("name"),
    firstAt,
    lastAt,
    inserts: ranges("inserts"),
    deletes: ranges("deletes"),
    updates: int("updates"),
    bytes: int("bytes"),
  };
  if (r.catchUp !== undefined) {
    if (typeof r.catchUp !== "boolean") throw bad("catchUp is not a boolean");
    rec.catchUp = r.catchUp;
  }
  return rec;
}
