/**
 * A comment's time comes from the relay (provenance), not from the writer's clock: a stock
 * y-websocket client whose clock says 1970 writes a thread and a reply through a real relay
 * process; the relay's history records, matched to the comments' Yjs items, give today.
 */
import { anchorRange, CommentThreads, commentWriteIds } from "@quire/comments";
import { connectStockClient, useRelay as relayForThisFile, waitFor, waitSynced } from "@quire/testkit";
import { HistoryClient } from "@quire/client";
import { describe, expect, it } from "vitest";
import { matchRelayTimes } from "./comment-relay-times.ts";

// Renamed: vitest setup, not a React hook (Biome's rules-of-hooks reads any `use…` call).
const relay = relayForThisFile({ env: { CHECKPOINT_IDLE_MS: "100000" } });
const WS = "w0000000ct1";

describe("comment times from the relay", () => {
  it("a writer whose clock lies still gets the relay's time for her thread and reply", async () => {
    const doc = `${WS}/d0000000001`;
    const token = relay.token({ workspace: WS, sub: "u_ana", name: "Ana" });
    const ana = connectStockClient(relay.syncUrl, doc, token);
    try {
      await waitSynced(ana.provider);
      const text = ana.doc.getText("t");
      text.insert(0, "rivers carry sand");
      const before = Date.now();
      const threads = new CommentThreads(ana.doc, () => 0); // her clock says 1 January 1970
      const thread = threads.add({ ...anchorRange(text, 0, 6), quote: "rivers", body: "Which rivers?", author: { sub: "u_ana", name: "Ana" } });
      const reply = threads.reply(thread, { body: "The Nile.", author: { sub: "u_ana", name: "Ana" } });
      expect(threads.get(thread)?.createdAt).toBe(0);

      const client = new HistoryClient({ baseUrl: relay.httpUrl, token: () => token });
      let times = new Map<string, number>();
      await waitFor(
        async () => {
          times = matchRelayTimes(commentWriteIds(threads), (await client.history(doc)).records);
          return times.size === 2;
        },
        10_000,
        "the relay's records of both comments",
      );
      for (const id of [thread, reply]) {
        expect(times.get(id)).toBeGreaterThanOrEqual(before);
        expect(times.get(id)).toBeLessThanOrEqual(Date.now());
      }
      // A comment the relay never received has no relay time (the panel shows the writer's).
      const offline = new CommentThreads(new (await import("yjs")).Doc());
      expect(matchRelayTimes(commentWriteIds(offline), (await client.history(doc)).records).size).toBe(0);
    } finally {
      ana.destroy();
    }
  });

  it("matches by item: a record's insert range covers the item's clock", () => {
    const ids = new Map([
      ["a", { client: 7, clock: 4 }],
      ["b", { client: 7, clock: 9 }],
      ["c", { client: 8, clock: 0 }],
    ]);
    const record = (seq: number, lastAt: number, inserts: { client: number; clock: number; len: number }[]) =>
      ({ seq, userId: "u", name: "U", firstAt: lastAt, lastAt, inserts, deletes: [], updates: 1, bytes: 1 }) as unknown as Parameters<typeof matchRelayTimes>[1][number];
    const times = matchRelayTimes(ids, [record(1, 100, [{ client: 7, clock: 0, len: 5 }]), record(2, 200, [{ client: 7, clock: 5, len: 5 }])]);
    expect([...times]).toEqual([
      ["a", 100],
      ["b", 200],
    ]);
  });
});
