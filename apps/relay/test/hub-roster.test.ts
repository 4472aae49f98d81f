/**
 * Issue 14 with issue 13's rule: a classroom hub enforces its class's groups, locks and
 * removals itself, from the roster it mirrors from the upstream (HubRoster). On the hub, a
 * group-A student is refused group B's document (before, the hub let any student of the class
 * open it); a lock set upstream reaches the hub and makes her read-only there; a student
 * removed upstream loses her socket on the hub; and after a hub restart with the uplink down
 * the same decisions hold (the copy is in the hub's database). Real relay processes.
 */
import { CloseCode } from "@quire/core";
import { issueHubCredential, nextHubPass, type StockClient, useHubs, useStockClients, waitFor, waitSynced } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { api, createClass } from "./class-fixture.ts";

const relays = useHubs();
const clients = useStockClients();
const connect = clients.connect;

/** The client's first close, once it has one. */
async function closedWith(client: StockClient, what: string): Promise<{ code: number; reason: string }> {
  await waitFor(() => client.closes.length > 0, 15_000, what);
  return client.closes[0] as { code: number; reason: string };
}

describe("a hub enforces its class's groups, locks and removals itself", () => {
  it("refuses another group's document, applies a lock and a removal set upstream, and keeps doing so after a restart offline", async () => {
    const upstream = await relays.start({ env: { CHECKPOINT_IDLE_MS: "600000" } });
    const cls = await createClass(upstream, "Class 7C");
    const groupA = await cls.group("Rivers");
    const groupB = await cls.group("Mountains");
    const anaMember = await cls.member("Ana", "student", [groupA]);
    const benMember = await cls.member("Ben", "student", [groupB]);
    const ana = await cls.signIn(anaMember.code);
    const ben = await cls.signIn(benMember.code);
    await cls.place("rivers", { groupId: groupA });
    await cls.place("mountains", { groupId: groupB });
    const credential = await issueHubCredential(upstream, cls.id, cls.teacher);
    // The roster is for the class's hubs only; a pull's piece size is checked.
    expect((await api(upstream, "GET", `/hub/v1/classes/${cls.id}/roster`)).status).toBe(401);
    expect((await api(upstream, "GET", `/hub/v1/classes/${cls.id}/roster`, cls.teacher)).status).toBe(401);
    const roster = await api(upstream, "GET", `/hub/v1/classes/${cls.id}/roster`, credential);
    expect(roster.body.members.find((m: { sub: string }) => m.sub === anaMember.id)).toEqual({ sub: anaMember.id, name: "Ana", role: "student", groupIds: [groupA], removedAt: null });
    expect(JSON.stringify(roster.body)).not.toContain(anaMember.code.replace("-", ""));
    expect((await api(upstream, "POST", `/hub/v1/classes/${cls.id}/pull?doc=${cls.doc("rivers")}&maxBytes=5`, credential)).status).toBe(400);
    const hub = await relays.startHub(upstream, credential, { env: { CLASS_POLL_MS: "100" } });
    await nextHubPass(hub);

    // Groups on the hub: Ana is refused group B's document, reads and writes her own.
    const intruder = connect(hub, cls.doc("mountains"), ana);
    expect(await closedWith(intruder, "Ana refused group B's document")).toMatchObject({ code: CloseCode.Forbidden, reason: expect.stringMatching(/group/) });
    const anaRivers = connect(hub, cls.doc("rivers"), ana);
    await waitSynced(anaRivers.provider, 30_000);
    anaRivers.doc.getText("t").insert(0, "draft");
    const watcher = connect(upstream, cls.doc("rivers"), cls.teacher);
    await waitFor(() => watcher.doc.getText("t").toString() === "draft", 30_000, "Ana's draft carried up");
    const benMountains = connect(hub, cls.doc("mountains"), ben);
    await waitSynced(benMountains.provider, 30_000);

    // A lock and a removal set upstream reach the hub with its next pass.
    await cls.place("rivers", { locked: true });
    await cls.as("DELETE", `/api/workspaces/${cls.id}/members/${benMember.id}`);
    await nextHubPass(hub);
    expect(await closedWith(benMountains, "Ben's socket closed on the hub")).toMatchObject({ code: CloseCode.Forbidden, reason: expect.stringMatching(/removed/) });
    anaRivers.doc.getText("t").insert(5, " LATE");
    expect(await closedWith(anaRivers, "Ana's late edit refused on the hub")).toMatchObject({ code: CloseCode.ReadOnlyNow, reason: expect.stringMatching(/locked/) });
    await nextHubPass(hub);
    expect(watcher.doc.getText("t").toString()).toBe("draft");

    // The hub restarts while the uplink is down: the mirrored roster still decides.
    clients.destroyAll();
    await upstream.stop({ removeData: false });
    await hub.restart();
    const again = connect(hub, cls.doc("mountains"), ana);
    expect(await closedWith(again, "Ana refused group B's document after the restart")).toMatchObject({ code: CloseCode.Forbidden });
    const benAgain = connect(hub, cls.doc("mountains"), ben);
    expect(await closedWith(benAgain, "Ben refused after the restart")).toMatchObject({ code: CloseCode.Forbidden, reason: expect.stringMatching(/removed/) });
    const reader = connect(hub, cls.doc("rivers"), ana);
    await waitSynced(reader.provider, 30_000);
    expect(reader.doc.getText("t").toString()).toBe("draft");
    reader.doc.getText("t").insert(0, "after restart: ");
    expect(await closedWith(reader, "Ana still read-only after the restart")).toMatchObject({ code: CloseCode.ReadOnlyNow });
  }, 180_000);
});
