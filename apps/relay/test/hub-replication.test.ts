/**
 * Issue 14 acceptance: a classroom hub on the teacher's laptop, an upstream (the school's
 * relay), real relay processes. Three students edit on the hub while the uplink is cut; the
 * uplink comes back; a fourth student on the upstream sees everything, with each student named
 * as the author of her own text; the fourth student's concurrent edits reach the class on the
 * hub; nothing is duplicated (exact text; provenance record counts stable over more passes).
 * Then the hub restarts with the uplink down and still admits students (cached JWKS).
 */
import { type RelayProcess, hubStatus, nextHubPass, useHubs, useStockClients, waitFor, waitSynced } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { api, createClass } from "./class-fixture.ts";
import { historyCall } from "./history-client.ts";

const relays = useHubs();
const clients = useStockClients();
const connect = clients.connect;

async function recordCount(relay: RelayProcess, token: string, doc: string): Promise<number> {
  const answer = await historyCall(relay.httpUrl, token, "GET", doc, "/history?limit=20000");
  expect(answer.status).toBe(200);
  return (answer.json as { records: unknown[] }).records.length;
}


describe("classroom hub", () => {
  it("carries a class's offline work up with its authors, brings upstream edits down, duplicates nothing, and admits students after a restart with the uplink down", async () => {
    const upstream = await relays.start({ env: { CHECKPOINT_IDLE_MS: "600000" } });
    const cls = await createClass(upstream, "Class 5B");
    const names = ["Ana", "Ben", "Cy", "Dee"];
    const students: { id: string; name: string; token: string }[] = [];
    for (const name of names) {
      const member = await cls.member(name, "student");
      students.push({ id: member.id, name, token: await cls.signIn(member.code) });
    }
    const issued = await api(upstream, "POST", `/api/workspaces/${cls.id}/hub-credential`, cls.teacher, { name: "Ms Rao's laptop" });
    expect(issued.status).toBe(201);
    expect(issued.body.hub.classes).toEqual([cls.id]);

    const hub = await relays.startHub(upstream, issued.body.credential, { env: { CHECKPOINT_IDLE_MS: "600000" } });
    await waitFor(() => /students open: http:\/\/127\.0\.0\.1:\d+/.test(hub.output), 5_000, "the LAN address printed");
    await nextHubPass(hub); // keys cached while online

    // The uplink is cut; three students work on the hub with tokens the upstream issued.
    await upstream.stop({ removeData: false });
    const doc = cls.doc("essay");
    const [ana, ben, cy, dee] = students as [(typeof students)[number], (typeof students)[number], (typeof students)[number], (typeof students)[number]];
    const onHub = [ana, ben, cy].map((s) => connect(hub, doc, s.token));
    await Promise.all(onHub.map((c) => waitSynced(c.provider, 30_000)));
    const lines = ["Ana: the river floods in May. ", "Ben: the farmers plant after it. ", "Cy: the school closes for a week. "];
    for (const [i, client] of onHub.entries()) {
      const text = client.doc.getText("t");
      await waitFor(() => text.length === lines.slice(0, i).join("").length, 30_000, "previous lines arrived");
      text.insert(text.length, lines[i] as string);
    }
    const classText = lines.join("");
    await waitFor(() => onHub.every((c) => c.doc.getText("t").toString() === classText), 30_000, "the class converged on the hub");
    await waitFor(async () => (await hubStatus(hub)).state === "offline", 30_000, "the hub reports the uplink down");

    // The uplink comes back; a fourth student, on the upstream, writes at the same time.
    await upstream.restart();
    const onUpstream = connect(upstream, doc, dee.token);
    await waitSynced(onUpstream.provider, 30_000);
    const deeLine = "Dee: I asked my grandmother. ";
    onUpstream.doc.getText("t").insert(0, deeLine);
    await waitFor(() => onUpstream.doc.getText("t").toString().includes(classText), 30_000, "the class's work reached the upstream");
    await waitFor(() => onHub.every((c) => c.doc.getText("t").toString().includes(deeLine)), 30_000, "Dee's edit reached the class on the hub");
    const final = onUpstream.doc.getText("t").toString();
    // Dee's line and the class's went in concurrently at one position: Yjs orders them by
    // client id, so either order is right — each exactly once.
    expect([deeLine + classText, classText + deeLine]).toContain(final);
    await waitFor(() => onHub.every((c) => c.doc.getText("t").toString() === final), 30_000, "every copy equal");

    // Attribution on the upstream: each student wrote her own line; nobody is "the hub".
    const answer = await historyCall(upstream.httpUrl, cls.teacher, "GET", doc, "/contributions");
    expect(answer.status).toBe(200);
    const users = (answer.json as { users: { userId: string; name: string; inserted: number }[] }).users;
    const inserted = Object.fromEntries(users.map((u) => [u.name, u.inserted]));
    expect(inserted).toEqual({ Ana: (lines[0] as string).length, Ben: (lines[1] as string).length, Cy: (lines[2] as string).length, Dee: deeLine.length });
    expect(users.map((u) => u.userId).sort()).toEqual(students.map((s) => s.id).sort());

    // Nothing duplicated by later passes: record counts stay put on both sides.
    await nextHubPass(hub);
    const upstreamRecords = await recordCount(upstream, cls.teacher, doc);
    const hubRecords = await recordCount(hub, ana.token, doc);
    await nextHubPass(hub);
    await nextHubPass(hub);
    expect(await recordCount(upstream, cls.teacher, doc)).toBe(upstreamRecords);
    expect(await recordCount(hub, ana.token, doc)).toBe(hubRecords);
    expect(onUpstream.doc.getText("t").toString()).toBe(final);
    const status = await hubStatus(hub);
    expect(status.pendingDocs).toBe(0);
    expect(status.bytesSent).toBeGreaterThan(0);
    expect(status.bytesReceived).toBeGreaterThan(0);

    // A hub restarted with the uplink down still admits students: the upstream's keys are cached.
    clients.destroyAll();
    await upstream.stop({ removeData: false });
    await hub.restart();
    const back = connect(hub, doc, ben.token);
    await waitSynced(back.provider, 30_000);
    expect(back.doc.getText("t").toString()).toBe(final);
    expect(back.closes).toEqual([]);
  }, 300_000);
});
