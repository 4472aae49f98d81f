/**
 * Forged authorship is refused (issue 12 acceptance; security review S2): an editor whose
 * update adds structs under another member's bound Yjs client id — to have their text
 * credited to that member in history and contributions — is closed with 4409 and nothing of
 * it is applied, stored, broadcast or counted; the same for the fresh id a restore wrote
 * under (bound to the restorer). The victim's figures stay exact.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "@quire/core";
import { connectStockClient, storedDoc, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { historyCall } from "./history-client.ts";

const relay = useRelay();
const WS = "w0000000124";

interface Figures {
  users: { userId: string; inserted: number; surviving: number }[];
}

async function figures(token: string, doc: string): Promise<Map<string, { inserted: number; surviving: number }>> {
  const answer = await historyCall(relay.httpUrl, token, "GET", doc, "/contributions");
  return new Map((answer.json as Figures).users.map((u) => [u.userId, { inserted: u.inserted, surviving: u.surviving }]));
}

/** A stock client whose doc writes under `clientId`, starting from `base` (the victim's state). */
function impostor(doc: string, token: string, clientId: number, base: Y.Doc) {
  const ydoc = new Y.Doc({ gc: false });
  Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(base));
  ydoc.clientID = clientId;
  return connectStockClient(relay.syncUrl, doc, token, { doc: ydoc });
}

describe("forged authorship", () => {
  it("an update under another member's client id is refused with 4409 and never counted for them", async () => {
    const doc = `${WS}/d0000000001`;
    const annToken = relay.token({ workspace: WS, sub: "u_ann", name: "Ann" });
    const malToken = relay.token({ workspace: WS, sub: "u_mal", name: "Mal" });
    const ann = connectStockClient(relay.syncUrl, doc, annToken);
    await waitSynced(ann.provider);
    ann.doc.getText("t").insert(0, "Ann wrote this.");
    await waitFor(async () => (await figures(annToken, doc)).get("u_ann")?.inserted === 15, 10_000, "Ann's figures");

    // Mal writes rude text under Ann's client id, at Ann's next clocks.
    const mal = impostor(doc, malToken, ann.doc.clientID, ann.doc);
    await waitSynced(mal.provider);
    mal.doc.getText("t").insert(0, "RUDE ");
    await waitFor(() => mal.closes.some((c) => c.code === CloseCode.ClientIdTaken), 10_000, "Mal is refused with 4409");
    expect(mal.closes.find((c) => c.code === CloseCode.ClientIdTaken)?.reason).toMatch(/belongs to another user/);
    mal.destroy();

    // Ann goes on typing at those same clocks: her text is hers and is kept.
    ann.doc.getText("t").insert(15, " More.");
    await waitFor(async () => (await figures(annToken, doc)).get("u_ann")?.inserted === 21, 10_000, "Ann's next words counted");
    expect(storedDoc(relay.dataDir, doc).getText("t").toString()).toBe("Ann wrote this. More.");
    const counted = await figures(annToken, doc);
    expect(counted.get("u_ann")).toEqual({ inserted: 21, surviving: 21 });
    expect(counted.has("u_mal")).toBe(false);
    ann.destroy();
  });

  it("nobody can write under the fresh client id a restore was made under", async () => {
    const doc = `${WS}/d0000000002`;
    const annToken = relay.token({ workspace: WS, sub: "u_ann", name: "Ann" });
    const malToken = relay.token({ workspace: WS, sub: "u_mal", name: "Mal" });
    const ann = connectStockClient(relay.syncUrl, doc, annToken);
    await waitSynced(ann.provider);
    ann.doc.getText("t").insert(0, "Draft.");
    await waitFor(async () => (await figures(annToken, doc)).get("u_ann")?.inserted === 6, 10_000, "stored");
    const draft = (await historyCall(relay.httpUrl, annToken, "POST", doc, "/versions", { name: "Draft" })).json as { id: string };
    ann.doc.getText("t").delete(0, 6);
    await waitFor(async () => (await figures(annToken, doc)).get("u_ann")?.surviving === 0, 10_000, "deleted");
    expect((await historyCall(relay.httpUrl, annToken, "POST", doc, "/restore", { version: draft.id })).status).toBe(200);
    await waitFor(() => ann.doc.getText("t").toString() === "Draft.", 10_000, "restored");
    const history = (await historyCall(relay.httpUrl, annToken, "GET", doc, "/history")).json as { bindings: { client: number; userId: string }[] };
    const restoreId = history.bindings.find((b) => b.client !== ann.doc.clientID)?.client as number;
    expect(history.bindings.find((b) => b.client === restoreId)?.userId).toBe("u_ann");

    const mal = impostor(doc, malToken, restoreId, ann.doc);
    await waitSynced(mal.provider);
    mal.doc.getText("t").insert(0, "RUDE ");
    await waitFor(() => mal.closes.some((c) => c.code === CloseCode.ClientIdTaken), 10_000, "Mal is refused with 4409");
    mal.destroy();
    expect(storedDoc(relay.dataDir, doc).getText("t").toString()).toBe("Draft.");
    // The restored text keeps its original author's credit.
    expect((await figures(annToken, doc)).get("u_ann")).toEqual({ inserted: 6, surviving: 6 });
    ann.destroy();
  });
});
