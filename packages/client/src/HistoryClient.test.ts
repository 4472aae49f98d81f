/**
 * HistoryClient against a real relay process (the relay's history API, issue 12 item 7) with
 * stock y-websocket clients writing: every call's answer is checked and usable — versions with
 * their seq, a version's update rebuilding it, naming and handing in, the history bundle read
 * page by page, contributions as JSON and CSV, restore and revert arriving live — and a
 * viewer's change is refused with a readable ApiError.
 */
import { connectStockClient, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ApiError } from "./ApiError.ts";
import { HistoryClient } from "./HistoryClient.ts";

// Two records per /history page, so reading the bundle needs several pages.
const relay = useRelay({ env: { CHECKPOINT_IDLE_MS: "100000", HISTORY_PAGE_RECORDS: "2" } });
const WS = "w0000000hc1";

describe("HistoryClient against a real relay", () => {
  it("lists, names, hands in, reads, restores and reverts through the relay's contract", async () => {
    const doc = `${WS}/d0000000001`;
    const anaToken = relay.token({ workspace: WS, sub: "u_ana", name: "Ana" });
    const benToken = relay.token({ workspace: WS, sub: "u_ben", name: "Ben" });
    const ana = connectStockClient(relay.syncUrl, doc, anaToken);
    const ben = connectStockClient(relay.syncUrl, doc, benToken);
    await Promise.all([waitSynced(ana.provider), waitSynced(ben.provider)]);
    const client = new HistoryClient({ baseUrl: relay.httpUrl, token: () => anaToken });
    expect(await client.versions(doc)).toEqual([]);

    ana.doc.getText("t").insert(0, "Ana writes.");
    await waitFor(() => ben.doc.getText("t").length === 11, 10_000, "Ben has Ana's text");
    ben.doc.getText("t").insert(11, " Ben adds.");
    await waitFor(() => ana.doc.getText("t").toString() === "Ana writes. Ben adds.", 10_000, "Ana has Ben's text");

    const draftId = await client.createVersion(doc, "  First draft ");
    ben.doc.getText("t").delete(0, 11);
    await waitFor(() => ana.doc.getText("t").toString() === " Ben adds.", 10_000, "Ana sees Ben's delete");

    const versions = await client.versions(doc);
    const draft = versions.find((v) => v.id === draftId);
    expect(draft).toMatchObject({ kind: "named", name: "First draft" });
    expect(typeof draft?.seq).toBe("number");
    const rebuilt = new Y.Doc({ gc: false });
    Y.applyUpdate(rebuilt, await client.versionUpdate(doc, draftId));
    expect(rebuilt.getText("t").toString()).toBe("Ana writes. Ben adds.");

    // The bundle comes in pages of two records; all of them, bound to their writers.
    const bundle = await client.history(doc);
    expect(bundle.records.length).toBeGreaterThanOrEqual(3);
    expect(bundle.records.map((r) => r.seq)).toEqual([...bundle.records.map((r) => r.seq)].sort((a, b) => a - b));
    expect(new Set(bundle.records.map((r) => r.seq)).size).toBe(bundle.records.length);
    expect(bundle.bindings.get(ana.doc.clientID)).toEqual({ userId: "u_ana", name: "Ana" });
    expect(bundle.bindings.get(ben.doc.clientID)).toEqual({ userId: "u_ben", name: "Ben" });
    expect(bundle.records.find((r) => r.seq === draft?.seq)).toBeDefined();

    const rows = await client.contributions(doc);
    expect(rows.find((r) => r.userId === "u_ana")).toMatchObject({ inserted: 11, surviving: 0, removedByOthers: 11 });
    expect(rows.find((r) => r.userId === "u_ben")).toMatchObject({ inserted: 10, surviving: 10, deletedByThem: 11 });
    const csv = await client.contributionsCsv(doc);
    expect(csv.split("\r\n")[0]).toMatch(/^userId,name,inserted,surviving,deletedByThem,removedByOthers,sessions/);
    expect(csv).toContain("u_ana,Ana,11,0,0,11,1,");

    // Revert Ben's changes over all time: his line goes, Ana's sentence he deleted comes back.
    const all = await client.history(doc);
    const benRecords = all.records.filter((r) => r.userId === "u_ben");
    await client.revertMember(doc, "u_ben", benRecords[0]?.firstAt ?? 0, benRecords[benRecords.length - 1]?.lastAt ?? 0);
    await waitFor(() => ana.doc.getText("t").toString() === "Ana writes.", 10_000, "Ben's line reverted at Ana's").catch((e: Error) => {
      throw new Error(`${e.message}; Ana has "${ana.doc.getText("t").toString()}"`);
    });

    // Restore the draft: both connected clients get it live.
    await client.restore(doc, draftId);
    await waitFor(() => ben.doc.getText("t").toString() === "Ana writes. Ben adds.", 10_000, "Ben sees the restore");
    expect((await client.versions(doc)).map((v) => v.kind)).toContain("restore");

    // A hand-in is a named version that is locked.
    const handIn = await client.createVersion(doc, "Final", true);
    expect((await client.versions(doc)).find((v) => v.id === handIn)).toMatchObject({ kind: "handin", name: "Final" });

    // A viewer reads but cannot change.
    const viewer = new HistoryClient({ baseUrl: relay.httpUrl, token: () => relay.token({ workspace: WS, sub: "u_vi", name: "Vi", role: "viewer" }) });
    expect((await viewer.versions(doc)).length).toBeGreaterThan(0);
    const refused = await viewer.restore(doc, draftId).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(403);
    expect((refused as ApiError).message.length).toBeGreaterThan(10);
    ana.destroy();
    ben.destroy();
  });

  it("turns an unknown version and a malformed answer into ApiErrors", async () => {
    const token = relay.token({ workspace: WS, sub: "u_ana", name: "Ana" });
    const client = new HistoryClient({ baseUrl: relay.httpUrl, token: () => token });
    const missing = await client.versionUpdate(`${WS}/d0000000002`, "nope").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiError);
    expect((missing as ApiError).status).toBe(404);
    // A relay (or something in its place) answering with the wrong shape.
    const wrong = new HistoryClient({
      baseUrl: relay.httpUrl,
      token: () => token,
      fetch: async () => new Response(JSON.stringify({ versions: [{ id: 1 }] }), { status: 200, headers: { "content-type": "application/json" } }),
    });
    const bad = await wrong.versions(`${WS}/d0000000002`).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    expect((bad as ApiError).code).toBe("bad_response");
    // A paging relay that never moves forward is refused instead of looping.
    const stuck = new HistoryClient({
      baseUrl: relay.httpUrl,
      token: () => token,
      fetch: async () => new Response(JSON.stringify({ records: [], next: 0 }), { status: 200 }),
    });
    expect(await stuck.history(`${WS}/d0000000002`).catch((e: unknown) => (e as ApiError).code)).toBe("bad_response");
  });
});
