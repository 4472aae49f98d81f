/**
 * Contributions over HTTP (issue 12, items 6–7) for a scripted two-user scenario with stock
 * y-websocket clients, exactly — JSON and CSV — and the automatic version a device's offline
 * work makes when it reconnects (its catch-up).
 */
import { describe, expect, it } from "vitest";
import { CONTRIBUTION_CSV_COLUMNS } from "@quire/history";
import { connectStockClient, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { historyCall, listVersions, versionText } from "./history-client.ts";

// No burst-end checkpoints during the test: every automatic version is one the test caused.
const relay = useRelay({ env: { CHECKPOINT_IDLE_MS: "600000" } });
const WS = "w0000000125";

interface UserFigures {
  userId: string;
  name: string;
  inserted: number;
  surviving: number;
  deletedByThem: number;
  removedByOthers: number;
  sessions: number;
  firstEditAt: number | null;
  lastEditAt: number | null;
}

describe("contributions", () => {
  it("counts a scripted two-user scenario exactly, as JSON and as CSV", async () => {
    const doc = `${WS}/d0000000001`;
    const annToken = relay.token({ workspace: WS, sub: "u_ann", name: "Ann" });
    const ann = connectStockClient(relay.syncUrl, doc, annToken);
    const ben = connectStockClient(relay.syncUrl, doc, relay.token({ workspace: WS, sub: "u_ben", name: "Ben, Jr." }));
    await Promise.all([waitSynced(ann.provider), waitSynced(ben.provider)]);
    const started = Date.now();
    const a = ann.doc.getText("t");
    const b = ben.doc.getText("t");
    a.insert(0, "Hello world"); // Ann: 11
    await waitFor(() => b.toString() === "Hello world", 10_000, "Ben has it");
    b.insert(11, " from Ben"); // Ben: 9
    await waitFor(() => a.toString() === "Hello world from Ben", 10_000, "Ann has it");
    b.delete(6, 5); // Ben deletes Ann's "world"
    await waitFor(() => a.toString() === "Hello  from Ben", 10_000, "Ann sees the delete");
    a.delete(6, 5); // Ann deletes Ben's " from"
    await waitFor(() => b.toString() === "Hello  Ben", 10_000, "Ben sees the delete");
    await waitFor(async () => (await historyCall(relay.httpUrl, annToken, "GET", doc, "/contributions")).text.includes('"deletedByThem":5,"removedByOthers":5'), 10_000, "stored");
    const ended = Date.now();

    const answer = await historyCall(relay.httpUrl, annToken, "GET", doc, "/contributions");
    expect(answer.status).toBe(200);
    const users = (answer.json as { users: UserFigures[] }).users.sort((x, y) => x.userId.localeCompare(y.userId));
    const fixed = users.map(({ firstEditAt: _f, lastEditAt: _l, ...rest }) => rest);
    expect(fixed).toEqual([
      { userId: "u_ann", name: "Ann", inserted: 11, surviving: 6, deletedByThem: 5, removedByOthers: 5, sessions: 1, offlineRecords: 0, offlineInserted: 0, pastes: [] },
      { userId: "u_ben", name: "Ben, Jr.", inserted: 9, surviving: 4, deletedByThem: 5, removedByOthers: 5, sessions: 1, offlineRecords: 0, offlineInserted: 0, pastes: [] },
    ]);
    for (const u of users) {
      expect(u.firstEditAt).toBeGreaterThanOrEqual(started);
      expect(u.lastEditAt).toBeLessThanOrEqual(ended);
      expect(u.firstEditAt).toBeLessThanOrEqual(u.lastEditAt as number);
    }

    const csv = await historyCall(relay.httpUrl, annToken, "GET", doc, "/contributions?format=csv");
    expect(csv.status).toBe(200);
    expect(csv.contentType).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(CONTRIBUTION_CSV_COLUMNS.join(","));
    const rows = lines.slice(1).sort();
    const iso = (t: number | null) => new Date(t as number).toISOString();
    const [annRow, benRow] = users;
    expect(rows).toEqual([
      `u_ann,Ann,11,6,5,5,1,${iso(annRow?.firstEditAt ?? null)},${iso(annRow?.lastEditAt ?? null)},0,0,0,0`,
      `u_ben,"Ben, Jr.",9,4,5,5,1,${iso(benRow?.firstEditAt ?? null)},${iso(benRow?.lastEditAt ?? null)},0,0,0,0`,
    ]);
    ann.destroy();
    ben.destroy();
  });

  it("a device's offline work, sent when it reconnects, makes an automatic version after it", async () => {
    const doc = `${WS}/d0000000002`;
    const annToken = relay.token({ workspace: WS, sub: "u_ann", name: "Ann" });
    const ann = connectStockClient(relay.syncUrl, doc, annToken);
    const ben = connectStockClient(relay.syncUrl, doc, relay.token({ workspace: WS, sub: "u_ben", name: "Ben" }));
    await Promise.all([waitSynced(ann.provider), waitSynced(ben.provider)]);
    ann.doc.getText("t").insert(0, "Shared start.");
    await waitFor(() => ben.doc.getText("t").length === 13, 10_000, "Ben has it");
    expect(await listVersions(relay.httpUrl, annToken, doc)).toEqual([]);

    ben.provider.disconnect();
    ben.doc.getText("t").insert(13, " Ben, offline.");
    await new Promise((resolve) => setTimeout(resolve, 200));
    ben.provider.connect();
    await waitFor(() => ann.doc.getText("t").toString() === "Shared start. Ben, offline.", 10_000, "Ben's offline work arrives");
    await waitFor(async () => (await listVersions(relay.httpUrl, annToken, doc)).length === 1, 10_000, "an automatic version");
    const [auto] = await listVersions(relay.httpUrl, annToken, doc);
    expect(auto?.kind).toBe("auto");
    expect(new Set(auto?.by.map((u) => u.userId))).toEqual(new Set(["u_ann", "u_ben"]));
    expect(await versionText(relay.httpUrl, annToken, doc, auto?.id as string)).toBe("Shared start. Ben, offline.");
    ann.destroy();
    ben.destroy();
  });
});
