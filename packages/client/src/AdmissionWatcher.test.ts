/**
 * A class-code join that waits for the teacher, from the device's side, against a real relay
 * process (issue 13): the join says `waiting` (kept in the stored membership), the watcher
 * polls, she picks her roster name, the teacher sees the pick and lets her in as that member:
 * the watcher hands over a membership that is that member (same id as her personal code),
 * and stops. A declined device hears `declined` and the watcher stops too.
 */
import { useRelay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { type Admission, pickRosterName } from "./admission.ts";
import { AdmissionWatcher } from "./AdmissionWatcher.ts";
import { ApiClient } from "./ApiClient.ts";
import { ClassClient } from "./ClassClient.ts";
import { parseMembership } from "./membership.ts";

const relay = useRelay();

function watch(m: Parameters<typeof pickRosterName>[0]) {
  const answers: Admission[] = [];
  const watcher = new AdmissionWatcher(m, { baseUrl: relay.httpUrl, firstDelayMs: 50, maxDelayMs: 200, onAnswer: (a) => answers.push(a) });
  watcher.start();
  const until = async (state: Admission["state"]) => {
    const started = Date.now();
    while (!answers.some((a) => a.state === state)) {
      if (Date.now() - started > 10_000) throw new Error(`no ${state} answer; got ${JSON.stringify(answers.map((a) => a.state))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return answers.find((a) => a.state === state) as Admission;
  };
  return { watcher, answers, until };
}

describe("waiting to join a class (AdmissionWatcher)", () => {
  it("she picks her name, the teacher lets her in as that member: the device becomes her", async () => {
    const api = new ApiClient(relay.httpUrl);
    const teacher = await api.createWorkspace("Class 8C", "Mr Obi");
    const klass = new ClassClient({ workspaceId: teacher.workspace.id, token: () => teacher.token, baseUrl: relay.httpUrl });
    const group = await klass.createGroup("Group A");
    const lena = await klass.addMember("Lena", "student", [group.id]);
    expect((await klass.joinRequests()).mode).toBe("ask");

    const waiting = await api.join(teacher.joinCodes?.editor ?? "", "Lena");
    expect(waiting.admission).toBe("waiting");
    expect(waiting.classRole).toBeUndefined();
    // Remembered on the device as waiting.
    expect(parseMembership(JSON.parse(JSON.stringify(waiting)))?.admission).toBe("waiting");

    const { watcher, answers, until } = watch(waiting);
    const first = await until("waiting");
    expect(first).toEqual({ state: "waiting", picked: null, roster: [{ id: lena.id, name: "Lena" }] });
    await pickRosterName(waiting, lena.id, { baseUrl: relay.httpUrl });
    const listed = await klass.joinRequests();
    expect(listed.requests).toEqual([expect.objectContaining({ id: waiting.user.id, name: "Lena", role: "editor", picked: { id: lena.id, name: "Lena" } })]);

    await klass.decideJoin(waiting.user.id, "admit", lena.id);
    const admitted = await until("admitted");
    if (admitted.state !== "admitted") throw new Error("unreachable");
    expect(admitted.membership.user).toEqual({ id: lena.id, name: "Lena" });
    expect(admitted.membership).toMatchObject({ classRole: "student", role: "editor", workspace: waiting.workspace });
    expect(admitted.membership.admission).toBeUndefined();
    const signedIn = await api.signIn(lena.signInCode ?? "");
    expect(admitted.membership.user.id).toBe(signedIn.user.id);
    expect(await api.classRole(admitted.membership)).toBe("student");
    // It stopped: no more answers after the decision.
    const count = answers.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(answers.length).toBe(count);
    watcher.stop();
  });

  it("a declined device hears so and stops asking", async () => {
    const api = new ApiClient(relay.httpUrl);
    const teacher = await api.createWorkspace("Class 8D", "Mr Obi");
    const klass = new ClassClient({ workspaceId: teacher.workspace.id, token: () => teacher.token, baseUrl: relay.httpUrl });
    await klass.setJoinMode("ask");
    const waiting = await api.join(teacher.joinCodes?.editor ?? "", "Stranger");
    const { watcher, until } = watch(waiting);
    await until("waiting");
    await klass.decideJoin(waiting.user.id, "decline");
    expect(await until("declined")).toEqual({ state: "declined" });
    watcher.stop();
  });
});
