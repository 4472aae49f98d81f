/**
 * Issue 13 item 2: in a class with a roster, a class-code join waits for a teacher. The
 * waiting device reads and syncs nothing (socket 4403 and HTTP 403 with the reason); she may
 * pick her name from the roster, and the teacher lets her in as that member (her device gets
 * the same member id as her personal code gives), as a new student, or declines her. A class
 * without a roster, or whose teacher chose "let students in at once", joins at once.
 */
import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { connectStockClient, openRaw, storedDoc, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { type TestClass, api, claimsOf, createClass } from "./class-fixture.ts";

const relay = useRelay();

async function joinByCode(klass: TestClass, userName: string) {
  const joined = await api(relay, "POST", "/api/join", undefined, { code: klass.joinCodes.editor, userName });
  expect(joined.status).toBe(200);
  return joined.body;
}

describe("class-code joins wait for the teacher", () => {
  let klass: TestClass;
  let groupA: string;
  let mia: { id: string; code: string };

  it("a join into a class with a roster waits: no class role, socket and HTTP refused with the reason", async () => {
    klass = await createClass(relay);
    groupA = await klass.group("Group A");
    mia = await klass.member("Mia", "student", [groupA]);
    await klass.place("essay", { groupId: groupA });
    const teacher = connectStockClient(relay.syncUrl, klass.doc("brief"), klass.teacher);
    await waitSynced(teacher.provider);
    teacher.doc.getText("body").insert(0, "the brief");
    await waitFor(() => storedDoc(relay.dataDir, klass.doc("brief")).getText("body").toString() === "the brief", 10_000, "brief stored");
    teacher.destroy();

    const waiting = await joinByCode(klass, "Mia on the phone");
    expect(waiting.admission).toBe("waiting");
    expect(waiting.classRole).toBeUndefined();

    // Even the class-wide brief is refused, before any of it is sent.
    const raw = openRaw(relay.syncUrl, klass.doc("brief"), waiting.token);
    const closed = await raw.closed;
    expect(closed.code).toBe(CloseCode.Forbidden);
    expect(closed.reason).toMatch(/waiting for your teacher to let you in/);
    expect(raw.ofType(0)).toHaveLength(0);
    for (const path of [`/api/workspaces/${klass.id}/documents`, `/api/workspaces/${klass.id}`, `/api/workspaces/${klass.id}/groups`]) {
      const refused = await api(relay, "GET", path, waiting.token);
      expect([path, refused.status, refused.body.error?.code]).toEqual([path, 403, "waiting"]);
    }
    expect((await api(relay, "POST", "/api/token/refresh", waiting.token)).body.error.code).toBe("waiting");
    // She is not on the roster, only in the teacher's waiting list.
    const members = (await klass.as("GET", `/api/workspaces/${klass.id}/members`)).members as { name: string }[];
    expect(members.map((m) => m.name)).toEqual(["Ms Teacher", "Mia"]);
    const listed = await klass.as("GET", `/api/workspaces/${klass.id}/join-requests`);
    expect(listed).toMatchObject({ mode: "ask", chosen: false, requests: [{ id: claimsOf(waiting.token).sub, name: "Mia on the phone", picked: null }] });
  });

  it("she picks her roster name; let in as that member, her device gets Mia's own member id and syncs", async () => {
    const joined = await joinByCode(klass, "mia");
    const admission = await api(relay, "GET", `/api/workspaces/${klass.id}/admission`, joined.token);
    expect(admission.body).toEqual({ state: "waiting", picked: null, roster: [{ id: mia.id, name: "Mia" }] });
    // Only students of this class can be picked, never the teacher.
    expect((await api(relay, "POST", `/api/workspaces/${klass.id}/admission`, joined.token, { pick: klass.teacherId })).status).toBe(400);
    expect((await api(relay, "POST", `/api/workspaces/${klass.id}/admission`, joined.token, { pick: mia.id })).status).toBe(200);
    const requests = (await klass.as("GET", `/api/workspaces/${klass.id}/join-requests`)).requests as { id: string; picked: unknown }[];
    const mine = requests.find((r) => r.id === joined.user.id);
    expect(mine?.picked).toEqual({ id: mia.id, name: "Mia" });
    // Her pick alone signs her in as nobody: still waiting.
    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/admission`, joined.token)).body.state).toBe("waiting");

    await klass.as("POST", `/api/workspaces/${klass.id}/join-requests/${joined.user.id}`, { decision: "admit", as: mia.id });
    const admitted = await api(relay, "GET", `/api/workspaces/${klass.id}/admission`, joined.token);
    expect(admitted.body).toMatchObject({ state: "admitted", user: { id: mia.id, name: "Mia" }, classRole: "student", role: "editor" });
    expect(claimsOf(admitted.body.token).sub).toBe(claimsOf(await klass.signIn(mia.code)).sub);
    const synced = connectStockClient(relay.syncUrl, klass.doc("essay"), admitted.body.token);
    await waitSynced(synced.provider);
    synced.doc.getText("body").insert(0, "mia's essay");
    await waitFor(() => storedDoc(relay.dataDir, klass.doc("essay")).getText("body").toString() === "mia's essay", 10_000, "essay stored");
    synced.destroy();
    // The waiting token itself never becomes a member; a decision is final.
    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/documents`, joined.token)).status).toBe(403);
    const again = await api(relay, "POST", `/api/workspaces/${klass.id}/join-requests/${joined.user.id}`, klass.teacher, { decision: "decline" });
    expect(again.status).toBe(409);
  });

  it("let in as a new student, her own token opens the class; a declined device is told so", async () => {
    const newcomer = await joinByCode(klass, "Zara");
    const declined = await joinByCode(klass, "Someone else");
    // A waiting socket open before the decision? None can be: it was refused at the handshake.
    await klass.as("POST", `/api/workspaces/${klass.id}/join-requests/${newcomer.user.id}`, { decision: "admit" });
    await klass.as("POST", `/api/workspaces/${klass.id}/join-requests/${declined.user.id}`, { decision: "decline" });
    const admitted = await api(relay, "GET", `/api/workspaces/${klass.id}/admission`, newcomer.token);
    expect(admitted.body).toMatchObject({ state: "admitted", user: { id: newcomer.user.id, name: "Zara" }, classRole: "student" });
    const brief = connectStockClient(relay.syncUrl, klass.doc("brief"), newcomer.token);
    await waitSynced(brief.provider);
    expect(brief.doc.getText("body").toString()).toBe("the brief");
    brief.destroy();

    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/admission`, declined.token)).body).toEqual({ state: "declined" });
    const raw = openRaw(relay.syncUrl, klass.doc("brief"), declined.token);
    const closed = await raw.closed;
    expect(closed.code).toBe(CloseCode.Forbidden);
    expect(closed.reason).toMatch(/did not let you into this class/);
    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/documents`, declined.token)).body.error.code).toBe("declined");
    const roster = (await klass.as("GET", `/api/workspaces/${klass.id}/members`)).members as { name: string }[];
    expect(roster.map((m) => m.name)).toEqual(["Ms Teacher", "Mia", "Zara"]);
    // Only the first test's joiner still waits.
    expect(((await klass.as("GET", `/api/workspaces/${klass.id}/join-requests`)).requests as { name: string }[]).map((r) => r.name)).toEqual(["Mia on the phone"]);
  });

  it("the teacher's setting: 'let students in at once' joins at once even with a roster; only a teacher may set it", async () => {
    const student = await klass.signIn(mia.code);
    expect((await api(relay, "PUT", `/api/workspaces/${klass.id}/join-mode`, student, { mode: "open" })).status).toBe(403);
    await klass.as("PUT", `/api/workspaces/${klass.id}/join-mode`, { mode: "open" });
    const quick = await joinByCode(klass, "Quick");
    expect(quick.admission).toBeUndefined();
    expect(quick.classRole).toBe("student");
    // And "ask me first" in a class without any roster.
    const plain = await createClass(relay, "No roster");
    await plain.as("PUT", `/api/workspaces/${plain.id}/join-mode`, { mode: "ask" });
    expect((await joinByCode(plain, "Asked")).admission).toBe("waiting");
  });
});
