/**
 * Issue 14, the third save level, in real Chromium: the app is served by a classroom hub (a
 * real relay process with UPSTREAM_URL) whose upstream (the school server, another real relay
 * process) is down. Ana's words reach the hub: her status says "Saved to the classroom hub",
 * not just "Saved". The school server comes back, the hub replicates, and her status says
 * "Saved to the school server" — and the school server has her words. The teacher's dashboard
 * on the hub shows "Last synced with the school server at <time>".
 */
import { type RelayProcess, connectStockClient, useChromium, useRelays, waitFor, waitSynced } from "@quire/testkit";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { callApi, openAs, openDocId } from "./support/class-setup.ts";
import { WEB_DIST } from "./support/classroom.ts";
import { Student } from "./support/student.ts";

const HUB_ENV = { UPSTREAM_SYNC_INTERVAL_MS: "500", UPSTREAM_CHANGE_DELAY_MS: "200", UPSTREAM_RETRY_MAX_MS: "1000" };

/** The hub's last full sync, as its teacher asks (401 until its first pass cached the upstream's keys). */
async function lastSyncedAt(hub: RelayProcess, token: string): Promise<number | null> {
  const response = await fetch(`${hub.httpUrl}/api/hub/status`, { headers: { authorization: `Bearer ${token}` } });
  return response.ok ? (((await response.json()) as { lastSyncedAt: number | null }).lastSyncedAt ?? null) : null;
}

describe("save levels on a classroom hub", () => {
  const pool = useRelays();
  const chromium = useChromium();
  const opened: Student[] = [];
  afterAll(async () => {
    for (const s of opened) await s.close().catch(() => {});
  });

  it("says 'Saved to the classroom hub' while the school server is down, 'Saved to the school server' once it has her words", async () => {
    const upstream = await pool.start();
    const created = await callApi(upstream, "POST", "/api/workspaces", undefined, { workspaceName: "Class 4C", userName: "Ms Okafor" });
    const classId = created.workspace.id as string;
    const teacherToken = created.token as string;
    const member = (await callApi(upstream, "POST", `/api/workspaces/${classId}/members`, teacherToken, { name: "Ana", role: "student" })).member;
    const anaMembership = await callApi(upstream, "POST", "/api/sign-in", undefined, { code: member.signInCode });
    const credential = (await callApi(upstream, "POST", `/api/workspaces/${classId}/hub-credential`, teacherToken, { name: "Laptop" })).credential as string;
    const hub = await pool.start({ env: { ...HUB_ENV, STATIC_DIR: WEB_DIST, UPSTREAM_URL: upstream.httpUrl, UPSTREAM_CREDENTIAL: credential } });
    await waitFor(async () => (await lastSyncedAt(hub, teacherToken)) !== null, 30_000, "the hub's first pass");

    await upstream.stop({ removeData: false });
    const ana = await Student.open(chromium.browser, hub.httpUrl, "Ana");
    opened.push(ana);
    await openAs(ana, anaMembership);
    await ana.newDocument("Field notes");
    const docId = openDocId(ana);
    await ana.type("The river rose overnight.");
    const status = ana.page.getByTestId("save-state");
    await ana.page.locator('[data-testid="save-state"][data-relay="saved"][data-upstream="pending"]').waitFor();
    expect(await status.textContent()).toBe("Saved to the classroom hub ✓");

    const back = Date.now();
    await upstream.restart();
    await ana.page.locator('[data-testid="save-state"][data-upstream="saved"]').waitFor({ timeout: 45_000 });
    expect(await status.textContent()).toBe("Saved to the school server ✓");
    console.log(`"Saved to the school server" ${Date.now() - back} ms after the upstream came back`);
    const check = connectStockClient(upstream.syncUrl, `${classId}/${docId}`, teacherToken);
    await waitSynced(check.provider, 30_000);
    // Lexical's collaboration v2 root holds paragraphs; toString() gives their text (in tags).
    expect(check.doc.get("root-v2", Y.XmlElement).toString()).toContain("The river rose overnight.");
    check.destroy();

    // A new keystroke is on the hub only again, until the next pass.
    await ana.type(" Then it fell.");
    await ana.page.locator('[data-testid="save-state"][data-upstream="saved"]').waitFor({ timeout: 45_000 });

    // The teacher's dashboard on the hub: when the hub last synced with the school server.
    const teacher = await Student.open(chromium.browser, hub.httpUrl, "Ms Okafor");
    opened.push(teacher);
    await openAs(teacher, created);
    await teacher.page.goto(`/w/${classId}/class`);
    const synced = teacher.page.getByTestId("hub-last-synced");
    await synced.waitFor();
    expect(await synced.textContent()).toMatch(/^Last synced with the school server at \d{1,2}:\d{2}/);
  }, 180_000);
});
