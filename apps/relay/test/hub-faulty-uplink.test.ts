/**
 * Issue 14, item 5: a classroom hub whose uplink is bad. The upstream runs in a network
 * namespace the test makes (FaultyLink); the hub, on the test's side, reaches it only over a
 * veth pair with 30 % packet loss each way and a 256 kbit/s token bucket, and the link is cut
 * while a large document is pushing, then restored. Meanwhile students on the hub (LAN side,
 * loopback) keep typing and a keystroke probe times their round trips.
 *
 * It ends converged on both sides: every line exactly once, each author credited, and the
 * LAN class's round trips never waited for the uplink. Skipped, saying why, only where the
 * machine does not permit network namespaces (not root, no nftables).
 */
import { FaultyLink, connectStockClient, firstHubPass, hubStatus, issueHubCredential, storedRows, useHubs, useStockClients, waitFor, waitSynced } from "@quire/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { createClass } from "./class-fixture.ts";
import { historyCall } from "./history-client.ts";
import { startKeystrokeProbe } from "./keystroke-probe.ts";

const why = FaultyLink.unavailable();
if (why) console.warn(`hub-faulty-uplink skipped: ${why}`);

const relays = useHubs();
let link: FaultyLink | null = null;
afterAll(() => {
  link?.destroy();
});
// Registered after the link's hook: vitest runs afterAll hooks last-first, so clients go first.
const clients = useStockClients("all");
const connect = clients.connect;

/** Percentile `p` (0..1) of `values`. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

const LINES_EACH = 8;
/** Longer than any LAN round trip may take: a class that waited for the uplink would show it. */
const CUT_MS = 5_000;

describe.skipIf(why !== null)("hub over a lossy, slow, cut uplink (network namespace)", () => {
  it("converges with nothing lost or doubled, authors right, and never blocks the LAN class", async () => {
    link = FaultyLink.create();
    // The upstream's request deadline is short for this link: the report whole (~28 KB) often
    // does not cross in 6 s (seen: 408 twice before a lucky try), its 4 KiB pieces do.
    const upstream = await relays.start({ host: link.nsIp, wrap: ["ip", "netns", "exec", link.ns], env: { CHECKPOINT_IDLE_MS: "600000", HTTP_REQUEST_TIMEOUT_MS: "6000" } });
    const cls = await createClass(upstream, "Class 6A");
    const students: { id: string; name: string; token: string }[] = [];
    for (const name of ["Ana", "Ben", "Cy"]) {
      const member = await cls.member(name, "student");
      students.push({ id: member.id, name, token: await cls.signIn(member.code) });
    }
    const [ana, ben, cy] = students as [(typeof students)[0], (typeof students)[0], (typeof students)[0]];
    const hub = await relays.startHub(upstream, await issueHubCredential(upstream, cls.id, cls.teacher), {
      env: {
        UPSTREAM_SYNC_INTERVAL_MS: "500",
        UPSTREAM_CHANGE_DELAY_MS: "200",
        UPSTREAM_RETRY_MAX_MS: "2000",
        UPSTREAM_MAX_REQUEST_BYTES: "4096",
        CHECKPOINT_IDLE_MS: "600000",
        // After a cut, a request on a connection whose retransmissions backed off can hang
        // until this deadline (once the test's whole pass took > 100 s with the default 2 min).
        UPSTREAM_REQUEST_TIMEOUT_MS: "20000",
      },
    });
    await firstHubPass(hub, 30_000); // over the clean link
    // The teacher is on the upstream, across the link, before it goes bad.
    const notes = cls.doc("notes");
    const teacherClient = connect(upstream, notes, cls.teacher);
    await waitSynced(teacherClient.provider, 30_000);

    const t0 = Date.now();
    // A reading list the teacher wrote offline (each item put on top: one struct each, Yjs
    // cannot merge them; about 12 KB) reaches the upstream as one update: the hub pulls it down
    // in pieces over the bad link.
    const reading = cls.doc("b-reading");
    // Ana has it open on the hub meanwhile (and keeps its room loaded: rows are not merged).
    const readingHub = connect(hub, reading, ana.token);
    await waitSynced(readingHub.provider, 30_000);
    const readingLines = Array.from({ length: 250 }, (_, i) => `Reading ${i}: chapter ${i % 12} of the river book.\n`);
    const readingText = [...readingLines].reverse().join("");
    const readingClient = connectStockClient(upstream.syncUrl, reading, cls.teacher, { connect: false });
    clients.track(readingClient);
    for (const line of readingLines) readingClient.doc.getText("t").insert(0, line);
    readingClient.provider.connect();
    await waitSynced(readingClient.provider, 30_000);

    link.setRate(256);
    link.setLoss(3);
    const probe = await startKeystrokeProbe(hub.syncUrl, cls.doc("probe"), ana.token, 100);

    // A large document first in the pass's order (names sorted), so the cut lands in its push.
    const report = cls.doc("a-report");
    const reportText = Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: the rains came early this year and the river rose. `).join("");
    const anaClient = connect(hub, report, ana.token);
    await waitSynced(anaClient.provider, 30_000);
    anaClient.doc.getText("t").insert(0, reportText);

    // Ben and Cy type lines into the class notes on the hub; the teacher adds one upstream.
    const writers = [ben, cy].map((s) => ({ student: s, client: connect(hub, notes, s.token) }));
    await Promise.all(writers.map((w) => waitSynced(w.client.provider, 30_000)));
    const typing = Promise.all(
      writers.map(async ({ student, client }) => {
        for (let i = 0; i < LINES_EACH; i++) {
          client.doc.getText("t").insert(client.doc.getText("t").length, `${student.name} line ${i}.\n`);
          await new Promise((r) => setTimeout(r, 400));
        }
      }),
    );
    const teacherLine = "Teacher: well done, all of you.\n";
    teacherClient.doc.getText("t").insert(0, teacherLine);


    // Cut the link while the report is on its way up, then bring it back.
    await waitFor(async () => {
      const s = await hubStatus(hub);
      return s.state === "syncing" && s.pendingDocs > 0;
    }, 30_000, "a pass pushing the report");
    await new Promise((r) => setTimeout(r, 1_500));
    const cutAt = Date.now();
    const atCut = await hubStatus(hub);
    link.cut();
    await new Promise((r) => setTimeout(r, CUT_MS));
    link.restore();
    console.log(`cut at +${cutAt - t0} ms (hub ${atCut.state}, ${atCut.pendingDocs} documents pending) for ${CUT_MS} ms`);
    await typing;
    const roundTrips = await probe.stop();

    // Still over the bad link: a whole pass finishes with every document in sync.
    const editedBy = Date.now();
    await waitFor(async () => {
      const s = await hubStatus(hub);
      return s.state === "idle" && s.pendingDocs === 0 && (s.lastSyncedAt ?? 0) > editedBy;
    }, 100_000, "a whole pass over the bad link");
    console.log(`converged over the bad link at +${Date.now() - t0} ms`);
    link.setLoss(0);
    link.setRate(0);

    // Converged on both sides, each line exactly once.
    const notesHub = connect(hub, notes, ana.token);
    const notesUp = connect(upstream, notes, cls.teacher);
    const reportUp = connect(upstream, report, cls.teacher);
    await Promise.all([notesHub, notesUp, reportUp].map((c) => waitSynced(c.provider, 30_000)));
    await waitFor(() => notesHub.doc.getText("t").toString() === notesUp.doc.getText("t").toString(), 30_000, "notes equal on both sides");
    const text = notesUp.doc.getText("t").toString();
    for (const line of [teacherLine, ...writers.flatMap(({ student }) => Array.from({ length: LINES_EACH }, (_, i) => `${student.name} line ${i}.\n`))]) {
      expect(text.split(line).length - 1, line).toBe(1);
    }
    expect(text.length).toBe(teacherLine.length + writers.reduce((n, { student }) => n + LINES_EACH * `${student.name} line 0.\n`.length, 0));
    expect(reportUp.doc.getText("t").toString()).toBe(reportText);
    await waitFor(() => readingHub.doc.getText("t").toString() === readingText, 30_000, "the reading list on the hub");
    // One update upstream, pulled in pieces: each committed as it came, a stored row each on the hub.
    expect(storedRows(upstream.dataDir, reading).length).toBe(1);
    expect(storedRows(hub.dataDir, reading).length).toBeGreaterThan(1);
    // A cut or a deadline is the link failing, not the upstream refusing a document.
    expect(hub.output).not.toMatch(/document refused/);

    // Authors on the upstream: each wrote her own text; nobody is "the hub".
    const contributions = async (doc: string) =>
      Object.fromEntries(
        ((await historyCall(upstream.httpUrl, cls.teacher, "GET", doc, "/contributions")).json as { users: { name: string; inserted: number }[] }).users.map((u) => [u.name, u.inserted]),
      );
    expect(await contributions(report)).toEqual({ Ana: reportText.length });
    expect(await contributions(notes)).toEqual({
      "Ms Teacher": teacherLine.length,
      Ben: LINES_EACH * "Ben line 0.\n".length,
      Cy: LINES_EACH * "Cy line 0.\n".length,
    });

    // The LAN class never waited for the uplink (generous: two cores shared by many tests).
    const p50 = percentile(roundTrips, 0.5);
    const p95 = percentile(roundTrips, 0.95);
    console.log(`LAN keystroke round trips while the uplink was bad: n=${roundTrips.length} p50=${p50.toFixed(1)} ms p95=${p95.toFixed(1)} ms max=${Math.max(...roundTrips).toFixed(1)} ms`);
    expect(roundTrips.length).toBeGreaterThan(20);
    expect(p95).toBeLessThan(1_500);
    expect(Math.max(...roundTrips)).toBeLessThan(CUT_MS - 1_000);
  }, 180_000);
});
