/**
 * Who may do what with a document's history, and what bad input gets (issue 12, item 7):
 * the socket's bearer token; read access reads, edit access names, hands in and restores
 * (a viewer gets 403 with a JSON error); other documents' tokens 403; missing or forged
 * tokens 401; bad doc names, unknown version ids, malformed and oversized bodies → clear 4xx.
 */
import { describe, expect, it } from "vitest";
import { connectStockClient, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { historyCall, listVersions } from "./history-client.ts";

const relay = useRelay();
const WS = "w0000000121";
const DOC = `${WS}/d0000000001`;

function errorOf(answer: { json: unknown }): { code: string; message: string } {
  return (answer.json as { error: { code: string; message: string } }).error;
}

describe("history API: access and inputs", () => {
  it("a viewer reads history but cannot name, hand in, restore or revert (403 JSON)", async () => {
    const editor = relay.token({ workspace: WS, sub: "u_ed", name: "Ed" });
    const viewer = relay.token({ workspace: WS, role: "viewer", sub: "u_teacher", name: "Teacher" });
    const client = connectStockClient(relay.syncUrl, DOC, editor);
    await waitSynced(client.provider);
    client.doc.getText("t").insert(0, "student text");
    await waitFor(async () => (await historyCall(relay.httpUrl, viewer, "GET", DOC, "/history")).text.includes("u_ed"), 10_000, "stored");
    const named = await historyCall(relay.httpUrl, editor, "POST", DOC, "/versions", { name: "Draft" });
    expect(named.status).toBe(201);
    const id = (named.json as { id: string }).id;

    expect((await listVersions(relay.httpUrl, viewer, DOC)).map((v) => v.id)).toEqual([id]);
    expect((await historyCall(relay.httpUrl, viewer, "GET", DOC, `/versions/${id}/update`)).status).toBe(200);
    expect((await historyCall(relay.httpUrl, viewer, "GET", DOC, "/contributions")).status).toBe(200);
    expect((await historyCall(relay.httpUrl, viewer, "GET", DOC, "/contributions?format=csv")).status).toBe(200);

    for (const [method, path, body] of [
      ["POST", "/versions", { name: "Mine" }],
      ["POST", "/versions", { name: "Hand-in", handIn: true }],
      ["POST", "/restore", { version: id }],
      ["POST", "/revert-member", { userId: "u_ed", from: 0, to: Date.now() }],
      ["PATCH", `/versions/${id}`, { name: "Renamed" }],
      ["DELETE", `/versions/${id}`, undefined],
    ] as const) {
      const answer = await historyCall(relay.httpUrl, viewer, method, DOC, path, body);
      expect([method, path, answer.status, errorOf(answer).code]).toEqual([method, path, 403, "read_only"]);
    }
    // Nothing changed.
    expect((await listVersions(relay.httpUrl, editor, DOC)).map((v) => [v.id, v.name])).toEqual([[id, "Draft"]]);
    expect(client.doc.getText("t").toString()).toBe("student text");
    client.destroy();
  });

  it("tokens: none or forged → 401, another doc or workspace → 403, revoked → 403", async () => {
    expect((await historyCall(relay.httpUrl, null, "GET", DOC, "/versions")).status).toBe(401);
    const forged = `${relay.token({ workspace: WS }).slice(0, -4)}AAAA`;
    expect((await historyCall(relay.httpUrl, forged, "GET", DOC, "/versions")).status).toBe(401);
    const other = await historyCall(relay.httpUrl, relay.token({ workspace: "w0000000999" }), "GET", DOC, "/versions");
    expect([other.status, errorOf(other).code]).toEqual([403, "forbidden"]);
    const otherDoc = await historyCall(relay.httpUrl, relay.token({ doc: `${WS}/d0000000002` }), "POST", DOC, "/restore", { version: "a1-1" });
    expect(otherDoc.status).toBe(403);
    // A doc token for exactly this doc works.
    expect((await historyCall(relay.httpUrl, relay.token({ doc: DOC }), "GET", DOC, "/versions")).status).toBe(200);
  });

  it("bad doc names, unknown versions, malformed and oversized bodies → clear 4xx", async () => {
    const token = relay.token({ workspace: WS, sub: "u_ed", name: "Ed" });
    const badName = await historyCall(relay.httpUrl, token, "GET", `${WS}/../etc`, "/versions");
    expect([badName.status, errorOf(badName).code]).toEqual([400, "bad_path"]);
    expect(errorOf(badName).message).toMatch(/document name/);
    const tooDeep = await historyCall(relay.httpUrl, token, "GET", `${WS}/a/b/c/d`, "/versions");
    expect(tooDeep.status).toBe(400);

    const unknownUpdate = await historyCall(relay.httpUrl, token, "GET", DOC, "/versions/vdeadbeefdeadbeef/update");
    expect([unknownUpdate.status, errorOf(unknownUpdate).code]).toEqual([404, "not_found"]);
    const unknownAuto = await historyCall(relay.httpUrl, token, "POST", DOC, "/restore", { version: "a99-1" });
    expect(unknownAuto.status).toBe(404);
    const badId = await historyCall(relay.httpUrl, token, "GET", DOC, "/versions/..%2F..%2Fx/update");
    expect(badId.status).toBe(400);

    const cases: [string, string, unknown, RegExp][] = [
      ["/versions", "POST", "{not json", /valid JSON/],
      ["/versions", "POST", { name: "" }, /name/],
      ["/versions", "POST", { name: "x".repeat(121) }, /1–120/],
      ["/versions", "POST", { name: "a\u0007b" }, /control/],
      ["/versions", "POST", { name: "ok", handIn: "yes" }, /handIn/],
      ["/versions", "POST", { name: "ok", extra: 1 }, /extra|key/i],
      ["/versions", "POST", [1, 2], /object|Invalid/i],
      ["/restore", "POST", {}, /version/],
      ["/restore", "POST", { version: 12 }, /version/],
      ["/revert-member", "POST", { userId: "u_ed", from: 10, to: 5 }, /from must not be after to/],
      ["/revert-member", "POST", { userId: "u_ed", from: -1, to: 5 }, /from/],
      ["/revert-member", "POST", { userId: "", from: 0, to: 5 }, /userId/],
    ];
    for (const [path, method, body, message] of cases) {
      const answer = await historyCall(relay.httpUrl, token, method, DOC, path, body);
      expect([path, JSON.stringify(body), answer.status, errorOf(answer).code]).toEqual([path, JSON.stringify(body), 400, "bad_request"]);
      expect(errorOf(answer).message).toMatch(message);
    }
    const oversized = await historyCall(relay.httpUrl, token, "POST", DOC, "/versions", { name: "x".repeat(20_000) });
    expect([oversized.status, errorOf(oversized).code]).toEqual([413, "too_large"]);
    const notJson = await fetch(`${relay.httpUrl}/api/docs/${encodeURIComponent(DOC)}/versions`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" },
      body: JSON.stringify({ name: "x" }),
    });
    expect(notJson.status).toBe(415);
    const badQuery = await historyCall(relay.httpUrl, token, "GET", DOC, "/contributions?format=xml");
    expect([badQuery.status, errorOf(badQuery).message]).toEqual([400, expect.stringMatching(/json or csv/)]);
    expect((await historyCall(relay.httpUrl, token, "GET", DOC, "/history?limit=-1")).status).toBe(400);
    // Unknown history routes stay the API's JSON 404.
    const unknown = await historyCall(relay.httpUrl, token, "GET", DOC, "/nope");
    expect([unknown.status, errorOf(unknown).code]).toEqual([404, "not_found"]);
  });
});
