/**
 * Issue 13: a student's personal sign-in code makes her the same member on every device
 * (same `sub`, one roster entry with two sockets online), a rotated code replaces the old
 * one, a disabled code signs nobody in, and the class code still works for a quick start.
 */
import { describe, expect, it } from "vitest";
import { connectStockClient, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { api, claimsOf, createClass } from "./class-fixture.ts";

const relay = useRelay();

describe("personal sign-in codes", () => {
  it("two devices signed in with one code are one member: same sub, one roster entry, online on both", async () => {
    const klass = await createClass(relay);
    const mia = await klass.member("Mia", "student");
    expect(mia.code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
    const laptop = await klass.signIn(mia.code);
    // Typed on the phone in lower case without the dash.
    const phone = await klass.signIn(mia.code.replace("-", "").toLowerCase());
    expect(claimsOf(laptop).sub).toBe(mia.id);
    expect(claimsOf(phone).sub).toBe(mia.id);
    expect(claimsOf(phone).name).toBe("Mia");

    const a = connectStockClient(relay.syncUrl, klass.doc("notes"), laptop);
    const b = connectStockClient(relay.syncUrl, klass.doc("notes"), phone);
    await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);
    a.provider.awareness.setLocalStateField("user", { name: "Mia (laptop)" });
    b.provider.awareness.setLocalStateField("user", { name: "Mia (phone)" });
    a.doc.getText("body").insert(0, "from the laptop");
    await waitFor(() => b.doc.getText("body").toString() === "from the laptop", 10_000, "laptop's edit on the phone");
    // The relay names presence after the member, not the device: both states say "Mia".
    await waitFor(() => a.provider.awareness.getStates().has(b.doc.clientID), 10_000, "phone's presence on the laptop");
    expect((a.provider.awareness.getStates().get(b.doc.clientID) as { user?: { name?: string } }).user?.name).toBe("Mia");

    const members = (await klass.as("GET", `/api/workspaces/${klass.id}/members`)).members as { id: string; name: string; online: number; lastActiveAt: number | null }[];
    const entries = members.filter((m) => m.name === "Mia");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: mia.id, online: 2 });
    expect(entries[0]?.lastActiveAt).toBeGreaterThan(Date.now() - 60_000);
    a.destroy();
    b.destroy();
  });

  it("a rotated code replaces the old one; a disabled code signs nobody in", async () => {
    const klass = await createClass(relay);
    const noor = await klass.member("Noor", "student");
    const rotated = (await klass.as("POST", `/api/workspaces/${klass.id}/members/${noor.id}/sign-in-code`)).signInCode as string;
    expect(rotated).not.toBe(noor.code);
    expect((await api(relay, "POST", "/api/sign-in", undefined, { code: noor.code })).status).toBe(404);
    expect(claimsOf(await klass.signIn(rotated)).sub).toBe(noor.id);
    await klass.as("DELETE", `/api/workspaces/${klass.id}/members/${noor.id}/sign-in-code`);
    const refused = await api(relay, "POST", "/api/sign-in", undefined, { code: rotated });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("unknown_code");
  });

  it("the class code still joins as a new student, who shows up in the roster at once", async () => {
    const klass = await createClass(relay);
    const joined = await api(relay, "POST", "/api/join", undefined, { code: klass.joinCodes.editor, userName: "Quick Start" });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ role: "editor", classRole: "student" });
    const viewer = await api(relay, "POST", "/api/join", undefined, { code: klass.joinCodes.viewer, userName: "A parent" });
    expect(viewer.body).toMatchObject({ role: "viewer", classRole: "viewer" });
    const members = (await klass.as("GET", `/api/workspaces/${klass.id}/members`)).members as { name: string; role: string }[];
    expect(members.map((m) => [m.name, m.role])).toEqual([
      ["Ms Teacher", "teacher"],
      ["Quick Start", "student"],
      ["A parent", "viewer"],
    ]);
  });
});
