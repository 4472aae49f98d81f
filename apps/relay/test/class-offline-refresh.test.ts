/**
 * Issue 13: a student whose device was offline for eight days (its token expired meanwhile,
 * clock advanced by signing the token in the past, as refresh-lifetime.test.ts does) gets a
 * new token for the same member without signing in again and syncs; the new token carries
 * the role she has now. A member removed while offline is refused with `removed`.
 */
import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { connectStockClient, openRaw, storedDoc, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { api, claimsOf, createClass } from "./class-fixture.ts";

const DAY = 24 * 3600;
const relay = useRelay();

describe("a class member offline for eight days", () => {
  it("a member still in the class refreshes her expired token and syncs her offline work", async () => {
    const klass = await createClass(relay);
    const mia = await klass.member("Mia", "student");
    const now = Math.floor(Date.now() / 1000);
    // Signed in eight days ago with a token that lasted a week: expired a day ago.
    const old = relay.token({ workspace: klass.id, sub: mia.id, name: "Mia", role: "editor", now: now - 8 * DAY, ttlSeconds: 7 * DAY });
    await expect(openRaw(relay.syncUrl, klass.doc("essay"), old).closed).resolves.toMatchObject({ code: CloseCode.Unauthorized });
    const refreshed = await api(relay, "POST", "/api/token/refresh", old);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.classRole).toBe("student");
    const fresh = claimsOf(refreshed.body.token);
    expect(fresh).toMatchObject({ sub: mia.id, workspace: klass.id, role: "editor", auth_time: now - 8 * DAY });
    expect(fresh.exp).toBeGreaterThan(now);

    const device = connectStockClient(relay.syncUrl, klass.doc("essay"), refreshed.body.token);
    device.doc.getText("body").insert(0, "written offline");
    await waitSynced(device.provider);
    await waitFor(() => storedDoc(relay.dataDir, klass.doc("essay")).getText("body").toString() === "written offline", 10_000, "offline work stored");
    device.destroy();
  });

  it("a member demoted while offline gets a token with her new role", async () => {
    const klass = await createClass(relay);
    const sam = await klass.member("Sam", "student");
    await klass.as("PATCH", `/api/workspaces/${klass.id}/members/${sam.id}`, { role: "commenter" });
    const now = Math.floor(Date.now() / 1000);
    const old = relay.token({ workspace: klass.id, sub: sam.id, name: "Sam", role: "editor", now: now - 8 * DAY, ttlSeconds: 7 * DAY });
    const refreshed = await api(relay, "POST", "/api/token/refresh", old);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.classRole).toBe("commenter");
    expect(claimsOf(refreshed.body.token).role).toBe("viewer");
  });

  it("a member removed while offline is refused with a reason code the app can show", async () => {
    const klass = await createClass(relay);
    const lee = await klass.member("Lee", "student");
    await klass.as("DELETE", `/api/workspaces/${klass.id}/members/${lee.id}`);
    const now = Math.floor(Date.now() / 1000);
    const old = relay.token({ workspace: klass.id, sub: lee.id, name: "Lee", role: "editor", now: now - 8 * DAY, ttlSeconds: 7 * DAY });
    const refused = await api(relay, "POST", "/api/token/refresh", old);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "removed", message: "you were removed from this class" });
  });
});
