/**
 * Reverting one member's changes in a time range (issue 12, item 4: the vandalised report) as
 * a new change through the relay: the vandal's insertions go and the text they deleted comes
 * back, everyone else's edits — including ones made after the vandalism — stay, and connected
 * clients see it live.
 */
import { describe, expect, it } from "vitest";
import { connectStockClient, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { historyCall, listVersions } from "./history-client.ts";

const relay = useRelay();
const WS = "w0000000123";

describe("revert a member's changes", () => {
  it("undoes only that member's edits in the range, live, and records it as a restore", async () => {
    const doc = `${WS}/d0000000001`;
    const annToken = relay.token({ workspace: WS, sub: "u_ann", name: "Ann" });
    const ann = connectStockClient(relay.syncUrl, doc, annToken);
    const vic = connectStockClient(relay.syncUrl, doc, relay.token({ workspace: WS, sub: "u_vic", name: "Vic" }));
    await Promise.all([waitSynced(ann.provider), waitSynced(vic.provider)]);
    const annText = ann.doc.getText("t");
    annText.insert(0, "Our report on rivers.");
    await waitFor(() => vic.doc.getText("t").length === annText.length, 10_000, "Vic has it");

    const from = Date.now();
    // Vic vandalises: deletes "rivers" and writes nonsense.
    vic.doc.getText("t").delete(14, 6);
    vic.doc.getText("t").insert(14, "LOL");
    vic.doc.getText("t").insert(0, "XXX ");
    await waitFor(() => annText.toString() === "XXX Our report on LOL.", 10_000, "Ann sees the vandalism");
    const to = Date.now();
    // Ann goes on writing after it.
    annText.insert(annText.length, " Rivers flow.");
    await waitFor(() => vic.doc.getText("t").toString() === "XXX Our report on LOL. Rivers flow.", 10_000, "Vic has Ann's line");

    const answer = await historyCall(relay.httpUrl, annToken, "POST", doc, "/revert-member", { userId: "u_vic", from, to });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ changed: true, restoredChars: 6, deletedChars: 7 });
    await waitFor(() => annText.toString() === "Our report on rivers. Rivers flow.", 10_000, "the revert reaches Ann live");
    await waitFor(() => vic.doc.getText("t").toString() === "Our report on rivers. Rivers flow.", 10_000, "and Vic");
    const versions = await listVersions(relay.httpUrl, annToken, doc);
    expect(versions[versions.length - 1]).toMatchObject({ kind: "restore", name: "Reverted Vic’s changes", by: [{ userId: "u_ann", name: "Ann" }] });

    // Nothing of Vic's in another range: nothing to do.
    const none = await historyCall(relay.httpUrl, annToken, "POST", doc, "/revert-member", { userId: "u_vic", from: 0, to: from - 1 });
    expect(none.json).toMatchObject({ changed: false });
    const stranger = await historyCall(relay.httpUrl, annToken, "POST", doc, "/revert-member", { userId: "u_nobody", from: 0, to });
    expect(stranger.status).toBe(404);
    ann.destroy();
    vic.destroy();
  });
});
