/**
 * Issue 14: a cut in the middle of a replication pass loses nothing and duplicates nothing,
 * and the rate cap holds. The hub carries twelve documents up through a link capped at
 * UPSTREAM_MAX_BYTES_PER_SECOND; the upstream is killed (SIGKILL) while some documents are
 * through and others are not, then restarted. The next passes finish: every document arrives
 * exactly once, with one provenance record per author and the author's name.
 */
import { connectStockClient, firstHubPass, hubStatus, issueHubCredential, useHubs, waitFor, waitSynced } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { createClass } from "./class-fixture.ts";
import { historyCall } from "./history-client.ts";

const relays = useHubs();
const DOCS = 12;
const CAP = 4_000;

describe("hub replication cut mid-pass", () => {
  it("resumes after the upstream dies mid-pass, with nothing lost or doubled, at the capped rate", async () => {
    const upstream = await relays.start({ env: { CHECKPOINT_IDLE_MS: "600000" } });
    const cls = await createClass(upstream, "Class 8D");
    const member = await cls.member("Ana", "student");
    const ana = await cls.signIn(member.code);
    const hub = await relays.startHub(upstream, await issueHubCredential(upstream, cls.id, cls.teacher), { env: { UPSTREAM_MAX_BYTES_PER_SECOND: String(CAP) } });
    await firstHubPass(hub);
    await upstream.stop({ removeData: false });

    // Twelve documents written on the hub while the uplink is down.
    const texts = new Map<string, string>();
    for (let i = 0; i < DOCS; i++) {
      const doc = cls.doc(`chapter-${i}`);
      const text = `Chapter ${i}: ${"the river and the rains ".repeat(40)}`;
      const client = connectStockClient(hub.syncUrl, doc, ana);
      await waitSynced(client.provider, 30_000);
      client.doc.getText("t").insert(0, text);
      await waitFor(async () => ((await historyCall(hub.httpUrl, ana, "GET", doc, "/history")).json as { records?: unknown[] } | null)?.records?.length === 1, 30_000, `${doc} stored on the hub`);
      client.destroy();
      texts.set(doc, text);
    }

    // The uplink comes back; the upstream dies while the pass is part-way through.
    await upstream.restart();
    await waitFor(async () => {
      const s = await hubStatus(hub);
      return s.state === "syncing" && s.pendingDocs > 0 && s.pendingDocs < DOCS - 1;
    }, 60_000, "a pass part-way through");
    await upstream.kill("SIGKILL");
    const through = (await hubStatus(hub)).pendingDocs;
    expect(through).toBeGreaterThan(0);
    const bytesBefore = await hubStatus(hub);
    await upstream.restart();
    const resumedAt = Date.now();
    await waitFor(async () => {
      const s = await hubStatus(hub);
      return s.state === "idle" && (s.lastSyncedAt ?? 0) > resumedAt;
    }, 90_000, "a whole pass after the restart");
    const after = await hubStatus(hub);
    const moved = after.bytesSent + after.bytesReceived - bytesBefore.bytesSent - bytesBefore.bytesReceived;
    console.log(`resumed pass: ${moved} bytes in ${Date.now() - resumedAt} ms at a cap of ${CAP} B/s; ${through} docs were pending at the cut`);
    // At the cap, moving those bytes took at least moved/CAP seconds (less one body in flight).
    expect(Date.now() - resumedAt).toBeGreaterThanOrEqual(((moved - 4_096) / CAP) * 1_000 * 0.9);

    for (const [doc, text] of texts) {
      const client = connectStockClient(upstream.syncUrl, doc, cls.teacher);
      await waitSynced(client.provider, 30_000);
      expect(client.doc.getText("t").toString()).toBe(text);
      client.destroy();
      const records = ((await historyCall(upstream.httpUrl, cls.teacher, "GET", doc, "/history")).json as { records: { userId: string; name: string }[] }).records;
      expect(records.map((r) => [r.userId, r.name]), doc).toEqual([[member.id, "Ana"]]);
    }
  }, 240_000);
});
