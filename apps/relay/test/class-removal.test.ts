/**
 * Issue 13: removing a member closes her open sockets within a second (4403 and the reason),
 * her reconnect is refused, her refresh answers 403 `removed`, and her personal code stops
 * working. Other members' sockets stay open.
 */
import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { openDatabase } from "@quire/storage-sqlite";
import { connectStockClient, openRaw, useRelay, waitSynced } from "@quire/testkit";
import { ClassStore } from "../src/storage/ClassStore.ts";
import { api, createClass, within } from "./class-fixture.ts";

// The poll only matters for changes from another process; this relay's API re-checks at once.
const relay = useRelay({ env: { CLASS_POLL_MS: "500" } });

describe("removing a member", () => {
  it("closes her sockets within a second, refuses her reconnect, refresh and code; others stay", async () => {
    const klass = await createClass(relay);
    const leaver = await klass.member("Lee", "student");
    const token = await klass.signIn(leaver.code);
    const stayer = await klass.signIn((await klass.member("Sam", "student")).code);
    const sockets = [openRaw(relay.syncUrl, klass.doc("d1"), token), openRaw(relay.syncUrl, klass.doc("d2"), token)];
    const other = connectStockClient(relay.syncUrl, klass.doc("d1"), stayer);
    await Promise.all([...sockets.map((s) => s.opened), waitSynced(other.provider)]);

    const started = Date.now();
    await klass.as("DELETE", `/api/workspaces/${klass.id}/members/${leaver.id}`);
    for (const socket of sockets) {
      const closed = await within(socket.closed, 5_000, { code: 0, reason: "still open 5 s after the removal" });
      expect(closed.code).toBe(CloseCode.Forbidden);
      expect(closed.reason).toMatch(/removed from this class/);
    }
    const elapsed = Date.now() - started;
    console.log(`removal closed both sockets ${elapsed} ms after the DELETE was sent`);
    expect(elapsed).toBeLessThan(1_000);
    expect(other.provider.wsconnected).toBe(true);

    const reconnect = openRaw(relay.syncUrl, klass.doc("d1"), token);
    const refused = await reconnect.closed;
    expect(refused.code).toBe(CloseCode.Forbidden);
    expect(refused.reason).toMatch(/removed/);
    const refresh = await api(relay, "POST", "/api/token/refresh", token);
    expect(refresh.status).toBe(403);
    expect(refresh.body.error.code).toBe("removed");
    expect((await api(relay, "POST", "/api/sign-in", undefined, { code: leaver.code })).status).toBe(404);
    const members = (await klass.as("GET", `/api/workspaces/${klass.id}/members`)).members as { id: string }[];
    expect(members.map((m) => m.id)).not.toContain(leaver.id);
    other.destroy();
  });

  it("a removal written by another relay process sharing the database closes her sockets within the poll interval", async () => {
    const klass = await createClass(relay);
    const leaver = await klass.member("Lee", "student");
    const socket = openRaw(relay.syncUrl, klass.doc("d1"), await klass.signIn(leaver.code));
    await socket.opened;
    const db = openDatabase(relay.dataDir);
    try {
      const started = Date.now();
      expect(new ClassStore(db).removeMember(klass.id, leaver.id)).toBe(true);
      const closed = await within(socket.closed, 5_000, { code: 0, reason: "still open 5 s after the removal" });
      expect(closed.code).toBe(CloseCode.Forbidden);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      db.close();
    }
  });

  it("the last teacher cannot be removed or demoted", async () => {
    const klass = await createClass(relay);
    const removal = await api(relay, "DELETE", `/api/workspaces/${klass.id}/members/${klass.teacherId}`, klass.teacher);
    expect(removal.status).toBe(409);
    expect(removal.body.error.code).toBe("last_teacher");
    const demotion = await api(relay, "PATCH", `/api/workspaces/${klass.id}/members/${klass.teacherId}`, klass.teacher, { role: "student" });
    expect(demotion.status).toBe(409);
  });
});
