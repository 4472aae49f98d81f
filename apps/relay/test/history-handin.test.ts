/**
 * A hand-in (issue 12, item 2) is a named version that is locked: its update is stored byte
 * for byte with its SHA-256, served unchanged however the doc goes on, and it can never be
 * renamed, deleted or overwritten (API 409; the database refuses too, see VersionStore.test).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { connectStockClient, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { historyCall, listVersions, versionText } from "./history-client.ts";

// Every compaction checkpoints (no 5-minute spacing): the test needs automatic versions.
const relay = useRelay({ env: { COMPACT_AFTER_UPDATES: "20", CHECKPOINT_MIN_INTERVAL_MS: "0" } });
const WS = "w0000000122";

describe("hand-ins", () => {
  it("are stored with their hash, served byte for byte, and never change", async () => {
    const doc = `${WS}/d0000000001`;
    const token = relay.token({ workspace: WS, sub: "u_stu", name: "Student" });
    const client = connectStockClient(relay.syncUrl, doc, token);
    await waitSynced(client.provider);
    client.doc.getText("t").insert(0, "My essay, final.");
    await waitFor(async () => (await historyCall(relay.httpUrl, token, "GET", doc, "/history")).text.includes("u_stu"), 10_000, "stored");

    const made = await historyCall(relay.httpUrl, token, "POST", doc, "/versions", { name: "Essay hand-in", handIn: true });
    expect(made.status).toBe(201);
    const { id, contentHash } = made.json as { id: string; contentHash: string };
    const first = await historyCall(relay.httpUrl, token, "GET", doc, `/versions/${id}/update`);
    expect(first.contentType).toBe("application/octet-stream");
    expect(createHash("sha256").update(first.bytes).digest("hex")).toBe(contentHash);
    const [listed] = await listVersions(relay.httpUrl, token, doc);
    expect(listed).toMatchObject({ id, kind: "handin", name: "Essay hand-in", contentHash, by: [{ userId: "u_stu", name: "Student" }] });

    // Rename, delete: refused with 409, nothing changes.
    const rename = await historyCall(relay.httpUrl, token, "PATCH", doc, `/versions/${id}`, { name: "Changed" });
    expect([rename.status, (rename.json as { error: { code: string } }).error.code]).toEqual([409, "locked"]);
    const remove = await historyCall(relay.httpUrl, token, "DELETE", doc, `/versions/${id}`);
    expect([remove.status, (remove.json as { error: { code: string } }).error.code]).toEqual([409, "locked"]);
    // "Overwrite": a body cannot choose an id, so a second hand-in is a new version.
    const overwrite = await historyCall(relay.httpUrl, token, "POST", doc, "/versions", { name: "Essay hand-in", handIn: true, id });
    expect(overwrite.status).toBe(400);

    // The doc goes on (past a compaction of its rows); the hand-in stays exactly as it was.
    for (let i = 0; i < 30; i++) client.doc.getText("t").insert(0, `${i} `);
    await waitFor(async () => (await historyCall(relay.httpUrl, token, "GET", doc, "/contributions")).text.includes('"inserted":'), 10_000, "stored");
    const again = await historyCall(relay.httpUrl, token, "GET", doc, `/versions/${id}/update`);
    expect(createHash("sha256").update(again.bytes).digest("hex")).toBe(contentHash);
    expect(await versionText(relay.httpUrl, token, doc, id)).toBe("My essay, final.");
    // And after a restart of the relay (nothing cached).
    client.destroy();
    await relay.restart();
    const afterRestart = await historyCall(relay.httpUrl, token, "GET", doc, `/versions/${id}/update`);
    expect(createHash("sha256").update(afterRestart.bytes).digest("hex")).toBe(contentHash);
    expect((await listVersions(relay.httpUrl, token, doc)).find((v) => v.id === id)).toMatchObject({ kind: "handin", name: "Essay hand-in", contentHash });

    // Named versions, by contrast, can be renamed and deleted; automatic ones cannot.
    const named = (await historyCall(relay.httpUrl, token, "POST", doc, "/versions", { name: "Notes" })).json as { id: string };
    expect((await historyCall(relay.httpUrl, token, "PATCH", doc, `/versions/${named.id}`, { name: "Notes 2" })).status).toBe(200);
    expect((await listVersions(relay.httpUrl, token, doc)).find((v) => v.id === named.id)?.name).toBe("Notes 2");
    expect((await historyCall(relay.httpUrl, token, "DELETE", doc, `/versions/${named.id}`)).status).toBe(200);
    const auto = (await listVersions(relay.httpUrl, token, doc)).find((v) => v.kind === "auto");
    expect(auto).toBeDefined();
    expect((await historyCall(relay.httpUrl, token, "DELETE", doc, `/versions/${auto?.id}`)).status).toBe(409);
  });
});
