/**
 * The history HTTP contract (issue 12, item 7) through a real relay process with stock
 * y-websocket clients: versions (auto, named, restore) with who took part, each version's
 * update rebuilding it, a restore that reaches a connected client live and keeps later
 * history (restoring the version before it undoes it), and the /history data for the UI.
 */
import { describe, expect, it } from "vitest";
import { parseProvenanceRecords } from "@quire/history";
import { connectStockClient, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { historyCall, listVersions, versionText } from "./history-client.ts";

const relay = useRelay({ env: { CHECKPOINT_IDLE_MS: "100000", UNLOAD_DELAY_MS: "500" } });
const WS = "w0000000120";

describe("history API: versions and restore", () => {
  it("names a version, serves every version's update, restores live and undoes the restore", async () => {
    const doc = `${WS}/d0000000001`;
    const annToken = relay.token({ workspace: WS, sub: "u_ann", name: "Ann" });
    const benToken = relay.token({ workspace: WS, sub: "u_ben", name: "Ben" });
    const ann = connectStockClient(relay.syncUrl, doc, annToken);
    const ben = connectStockClient(relay.syncUrl, doc, benToken);
    await Promise.all([waitSynced(ann.provider), waitSynced(ben.provider)]);
    expect(await listVersions(relay.httpUrl, annToken, doc)).toEqual([]);

    ann.doc.getText("t").insert(0, "Ann's first draft.");
    await waitFor(() => ben.doc.getText("t").length === 18, 10_000, "Ben has Ann's text");
    ben.doc.getText("t").insert(18, " Ben adds a line.");
    await waitFor(() => ann.doc.getText("t").toString() === "Ann's first draft. Ben adds a line.", 10_000, "Ann has Ben's line");

    const named = await historyCall(relay.httpUrl, annToken, "POST", doc, "/versions", { name: "  First draft " });
    expect(named.status).toBe(201);
    const draftId = (named.json as { id: string }).id;
    expect(typeof draftId).toBe("string");

    // Later work: Ben rewrites everything.
    ben.doc.getText("t").delete(0, ben.doc.getText("t").length);
    ben.doc.getText("t").insert(0, "Ben's rewrite.");
    await waitFor(() => ann.doc.getText("t").toString() === "Ben's rewrite.", 10_000, "Ann has the rewrite");

    let versions = await listVersions(relay.httpUrl, benToken, doc);
    const draft = versions.find((v) => v.id === draftId);
    expect(draft).toMatchObject({ kind: "named", name: "First draft" });
    expect(new Set(draft?.by.map((b) => `${b.userId}:${b.name}`))).toEqual(new Set(["u_ann:Ann", "u_ben:Ben"]));
    expect(await versionText(relay.httpUrl, benToken, doc, draftId)).toBe("Ann's first draft. Ben adds a line.");

    // Restore the draft: a new change on top that both connected clients receive live.
    const restored = await historyCall(relay.httpUrl, annToken, "POST", doc, "/restore", { version: draftId });
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ changed: true });
    await waitFor(() => ben.doc.getText("t").toString() === "Ann's first draft. Ben adds a line.", 10_000, "Ben sees the restore live");
    await waitFor(() => ann.doc.getText("t").toString() === "Ann's first draft. Ben adds a line.", 10_000, "Ann sees the restore live");

    versions = await listVersions(relay.httpUrl, benToken, doc);
    const kinds = versions.map((v) => v.kind);
    expect(kinds).toEqual(["named", "auto", "restore"]);
    const [, beforeRestore, restore] = versions;
    // Later history stays: the version before the restore still holds Ben's rewrite.
    expect(await versionText(relay.httpUrl, benToken, doc, beforeRestore?.id as string)).toBe("Ben's rewrite.");
    expect(restore).toMatchObject({ kind: "restore", by: [{ userId: "u_ann", name: "Ann" }] });
    expect(restore?.name).toContain("First draft");
    expect(await versionText(relay.httpUrl, benToken, doc, restore?.id as string)).toBe("Ann's first draft. Ben adds a line.");
    // Oldest first.
    expect(versions.map((v) => v.at)).toEqual([...versions.map((v) => v.at)].sort((a, b) => a - b));

    // Restoring the version before the restore undoes it, live.
    const undo = await historyCall(relay.httpUrl, benToken, "POST", doc, "/restore", { version: beforeRestore?.id });
    expect(undo.status).toBe(200);
    await waitFor(() => ann.doc.getText("t").toString() === "Ben's rewrite.", 10_000, "the undo reaches Ann");
    expect(ben.doc.getText("t").toString()).toBe("Ben's rewrite.");

    // A client that joins now gets the same content from disk.
    const late = connectStockClient(relay.syncUrl, doc, benToken);
    await waitSynced(late.provider);
    expect(late.doc.getText("t").toString()).toBe("Ben's rewrite.");

    // The data the UI draws attribution and replay from: records the client-side parser accepts.
    const history = await historyCall(relay.httpUrl, benToken, "GET", doc, "/history");
    expect(history.status).toBe(200);
    const body = history.json as { records: unknown; bindings: { client: number; userId: string; name: string }[]; checkpoints: { seq: number; at: number }[]; next: number | null };
    const records = parseProvenanceRecords(body.records);
    expect(records.length).toBeGreaterThanOrEqual(4);
    expect(body.next).toBeNull();
    expect(body.bindings).toEqual(expect.arrayContaining([{ client: ann.doc.clientID, userId: "u_ann", name: "Ann" }, { client: ben.doc.clientID, userId: "u_ben", name: "Ben" }]));
    // The restores wrote under fresh ids bound to their restorers, never a live peer's id.
    const restorers = body.bindings.filter((b) => b.client !== ann.doc.clientID && b.client !== ben.doc.clientID && b.client !== late.doc.clientID);
    expect(restorers.map((b) => b.userId).sort()).toEqual(["u_ann", "u_ben"]);
    expect(body.checkpoints.length).toBeGreaterThanOrEqual(2);
    const page = await historyCall(relay.httpUrl, benToken, "GET", doc, "/history?limit=1");
    expect((page.json as { records: unknown[]; next: number }).records).toHaveLength(1);
    expect((page.json as { next: number }).next).toBe(records[0]?.seq);
    for (const c of [ann, ben, late]) c.destroy();
  });

  it("restores a doc nobody has open (it loads, commits, and unloads again)", async () => {
    const doc = `${WS}/d0000000002`;
    const token = relay.token({ workspace: WS, sub: "u_cat", name: "Cat" });
    const cat = connectStockClient(relay.syncUrl, doc, token);
    await waitSynced(cat.provider);
    cat.doc.getText("t").insert(0, "version one");
    await waitFor(async () => (await historyCall(relay.httpUrl, token, "GET", doc, "/history")).text.includes("u_cat"), 10_000, "stored");
    const v1 = (await historyCall(relay.httpUrl, token, "POST", doc, "/versions", { name: "v1" })).json as { id: string };
    cat.doc.getText("t").insert(11, " and two");
    await waitFor(async () => (await historyCall(relay.httpUrl, token, "GET", doc, "/contributions")).text.includes('"inserted":19'), 10_000, "stored");
    cat.destroy();
    await waitFor(async () => !((await relay.healthz()).docs as { name: string }[] | undefined)?.some((d) => d.name === doc), 10_000, "unloaded");
    expect((await historyCall(relay.httpUrl, token, "POST", doc, "/restore", { version: v1.id })).status).toBe(200);
    const again = connectStockClient(relay.syncUrl, doc, token);
    await waitSynced(again.provider);
    expect(again.doc.getText("t").toString()).toBe("version one");
    again.destroy();
  });
});
