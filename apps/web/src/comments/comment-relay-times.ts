/**
 * @module comment-relay-times
 * Each comment's time as the relay received it (provenance), not the writer's clock, which
 * can be wrong or set on purpose. The relay's history records say which Yjs items every
 * accepted update inserted and when it arrived; a thread or reply was written as one item
 * (@quire/comments write-ids.ts), so the record holding that item gives its relay time.
 *
 * A chunk of its own, loaded when the panel opens and not precached: the records come from
 * the relay, so offline (or for a comment not yet synced) the panel shows the writer's time,
 * marked as such. The history client comes through the history panel's chunk (relay-access.ts),
 * as for the export's appendix (a client chunk of its own cost the first visit 2 KB).
 */
import { type CommentThreads, commentWriteIds } from "@quire/comments";
import type { ProvenanceRecord } from "@quire/core";
import type { RelayAccess } from "../history/relay-access.ts";

/** The relay's time for every comment id whose item a record names (`lastAt`: the record's updates had all arrived by then). */
export function matchRelayTimes(ids: ReadonlyMap<string, { client: number; clock: number }>, records: readonly ProvenanceRecord[]): Map<string, number> {
  // client → [clock, len, at] ranges; a client writes few records, so a scan per id is cheap.
  const ranges = new Map<number, [number, number, number][]>();
  for (const record of records) {
    for (const range of record.inserts) {
      const list = ranges.get(range.client) ?? [];
      list.push([range.clock, range.len, record.lastAt]);
      ranges.set(range.client, list);
    }
  }
  const times = new Map<string, number>();
  for (const [id, { client, clock }] of ids) {
    const hit = ranges.get(client)?.find(([start, len]) => clock >= start && clock < start + len);
    if (hit) times.set(id, hit[2]);
  }
  return times;
}

/**
 * Keeps `show` given the relay's times: asked now and again whenever a comment is added (here
 * or synced in; resolving changes nothing). A failed ask (offline) leaves the writers' times.
 * Returns the stop.
 */
export function watchRelayTimes(docName: string, relay: RelayAccess, threads: CommentThreads, show: (times: Map<string, number>) => void): () => void {
  let live = true;
  let known = -1;
  const ask = () => {
    const written = commentWriteIds(threads).size;
    if (written === known || written === 0) return;
    known = written;
    loadRelayTimes(docName, relay, threads).then((times) => live && show(times), () => {
      known = -1;
    });
  };
  ask();
  const stop = threads.observe(ask);
  return () => {
    live = false;
    stop();
  };
}

/** Asks the relay for the doc's records and matches them; rejects when it cannot (offline). */
export async function loadRelayTimes(docName: string, relay: RelayAccess, threads: CommentThreads): Promise<Map<string, number>> {
  const HistoryClient = await relay.historyClient();
  const bundle = await new HistoryClient({ token: relay.token }).history(docName);
  return matchRelayTimes(commentWriteIds(threads), bundle.records);
}
