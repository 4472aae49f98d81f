/**
 * @module origin-map
 * Restored text is new Yjs structs (a CRDT cannot undelete), written by whoever restored. So
 * that attribution still credits the people who first wrote it, a restore records, inside the
 * doc itself, where each re-inserted run came from: a top-level Y.Map `quire:restored-from`,
 * key `"<client>:<clock>"` of the new run's first unit, value `[originClient, originClock, len]`.
 * It lives in the doc so it syncs, persists and survives compaction with the text it explains,
 * and every client (the relay, the web app, a stock y-websocket client) reads the same credit.
 *
 * Invariants: origins are resolved to the first writer when recorded (restoring restored text
 * points at the original, never at an intermediate copy); entries never overlap.
 */
import type * as Y from "yjs";

export const ORIGIN_MAP_NAME = "quire:restored-from";

interface Interval {
  start: number;
  end: number;
  originClient: number;
  originClock: number;
}

export class OriginIndex {
  private readonly byClient = new Map<number, Interval[]>();

  /**
   * Reads the doc's origin map. The map is shared input any editor can write, so an entry
   * counts only if it was written under the same (relay-bound) client id as the run it
   * explains — a member can speak only about their own structs — and run-table also checks
   * that the copy's text equals its origin's. Malformed entries are ignored.
   */
  static fromDoc(doc: Y.Doc): OriginIndex {
    const index = new OriginIndex();
    if (!doc.share.has(ORIGIN_MAP_NAME)) return index;
    const map = doc.getMap<unknown>(ORIGIN_MAP_NAME);
    map.forEach((value, key) => {
      const m = /^(\d+):(\d+)$/.exec(key);
      if (!m || !Array.isArray(value) || value.length !== 3) return;
      const [oc, ok, len] = value as unknown[];
      if (!isUint(oc) || !isUint(ok) || !isUint(len) || len === 0) return;
      const client = Number(m[1]);
      if (map._map.get(key)?.id.client !== client) return;
      index.add(client, Number(m[2]), len, oc, ok);
    });
    for (const list of index.byClient.values()) list.sort((a, b) => a.start - b.start);
    return index;
  }

  add(client: number, clock: number, len: number, originClient: number, originClock: number): void {
    let list = this.byClient.get(client);
    if (!list) {
      list = [];
      this.byClient.set(client, list);
    }
    list.push({ start: clock, end: clock + len, originClient, originClock });
  }

  get size(): number {
    return this.byClient.size;
  }

  /**
   * The original (client, clock) of unit (client, clock) and for how many units from there the
   * answer holds (bounded by `maxLen`). Units that were not restored are their own origin.
   */
  resolve(client: number, clock: number, maxLen: number): { client: number; clock: number; len: number } {
    const list = this.byClient.get(client);
    if (list) {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((list[mid] as Interval).end <= clock) lo = mid + 1;
        else hi = mid;
      }
      const iv = list[lo];
      if (iv && iv.start <= clock) {
        return { client: iv.originClient, clock: iv.originClock + (clock - iv.start), len: Math.min(maxLen, iv.end - clock) };
      }
      if (iv) return { client, clock, len: Math.min(maxLen, iv.start - clock) };
    }
    return { client, clock, len: maxLen };
  }
}

function isUint(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 0xffffffff * 2 ** 20;
}
