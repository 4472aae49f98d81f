/**
 * Issue 13: read-only share links for a parent or a partner school. The teacher makes a link
 * for one document; its secret buys a viewer token that reads that document, never writes it
 * and opens no other; revoking the link refuses the secret and the token and closes the live
 * socket within a second. Only the secret's hash is stored.
 */
import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { openDatabase } from "@quire/storage-sqlite";
import { connectStockClient, openRaw, storedDoc, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { api, createClass, within } from "./class-fixture.ts";

const relay = useRelay();

describe("read-only share links", () => {
  it("a link's viewer token reads its document, cannot write it or open another; revoke closes it within a second", async () => {
    const klass = await createClass(relay);
    const teacher = connectStockClient(relay.syncUrl, klass.doc("report"), klass.teacher);
    await waitSynced(teacher.provider);
    teacher.doc.getText("body").insert(0, "our volcano");
    const stored = () => storedDoc(relay.dataDir, klass.doc("report")).getText("body").toString();
    await waitFor(() => stored() === "our volcano", 10_000, "teacher's text stored");

    const created = await api(relay, "POST", `/api/workspaces/${klass.id}/share-links`, klass.teacher, { docId: "report", label: "Ana's parents" });
    expect(created.status).toBe(201);
    const { link, secret } = created.body;
    expect(link).toMatchObject({ docId: "report", label: "Ana's parents" });
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await klass.as("GET", `/api/workspaces/${klass.id}/share-links`)).links).toEqual([link]);
    const db = openDatabase(relay.dataDir);
    try {
      const rows = db.prepare<[], Record<string, unknown>>("SELECT * FROM class_share_links").all();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(secret);
    } finally {
      db.close();
    }

    const exchanged = await api(relay, "POST", "/api/share", undefined, { secret });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({ doc: klass.doc("report"), role: "viewer", workspace: { id: klass.id } });
    const token = exchanged.body.token as string;

    const parent = connectStockClient(relay.syncUrl, klass.doc("report"), token);
    await waitSynced(parent.provider);
    expect(parent.doc.getText("body").toString()).toBe("our volcano");
    parent.doc.getText("body").insert(0, "PARENT ");
    teacher.doc.getText("body").insert(11, "!");
    await waitFor(() => parent.doc.getText("body").toString().includes("!"), 10_000, "teacher's edit reaches the viewer");
    expect(stored()).toBe("our volcano!");
    expect(teacher.doc.getText("body").toString()).toBe("our volcano!");

    // Presence without names: the viewer learns that someone is in the document, not who
    // (docs/privacy.md); its own presence never reaches the class.
    teacher.provider.awareness.setLocalStateField("user", { name: "Ms Lee", color: "#336699" });
    parent.provider.awareness.setLocalStateField("user", { name: "PARENT PRESENCE", color: "#993366" });
    const teacherId = teacher.provider.awareness.clientID;
    await waitFor(() => parent.provider.awareness.getStates().has(teacherId), 10_000, "the teacher's presence reaches the viewer");
    parent.provider.awareness.setLocalStateField("cursor", { at: 3 });
    teacher.provider.awareness.setLocalStateField("cursor", { at: 5 });
    await waitFor(() => parent.provider.awareness.meta.get(teacherId)?.clock === teacher.provider.awareness.meta.get(teacherId)?.clock, 10_000, "the teacher's later presence reaches the viewer");
    expect(parent.provider.awareness.getStates().get(teacherId)).toEqual({});
    expect(JSON.stringify([...parent.provider.awareness.getStates().entries()].filter(([id]) => id !== parent.provider.awareness.clientID))).not.toMatch(/Ms Lee|Teacher|#336699/);
    expect(teacher.provider.awareness.getStates().has(parent.provider.awareness.clientID)).toBe(false);

    // History names the students who wrote: a share link reads the text, not that.
    for (const path of [`/api/docs/${encodeURIComponent(klass.doc("report"))}/versions`, `/api/docs/${encodeURIComponent(klass.doc("report"))}/contributions`]) {
      const refused = await api(relay, "GET", path, token);
      expect(refused.status, path).toBe(403);
      expect(refused.body.error).toMatchObject({ code: "share_link" });
    }
    expect((await api(relay, "GET", `/api/docs/${encodeURIComponent(klass.doc("report"))}/versions`, klass.teacher)).status).toBe(200);

    // The link opens its document only.
    const elsewhere = await openRaw(relay.syncUrl, klass.doc("other"), token).closed;
    expect(elsewhere.code).toBe(CloseCode.Forbidden);
    const live = openRaw(relay.syncUrl, klass.doc("report"), token);
    await live.opened;

    const started = Date.now();
    expect(await klass.as("DELETE", `/api/workspaces/${klass.id}/share-links/${link.id}`)).toEqual({ revoked: link.id });
    const closed = await within(live.closed, 5_000, { code: 0, reason: "still open 5 s after the revoke" });
    expect(closed.code).toBe(CloseCode.Forbidden);
    expect(closed.reason).toMatch(/revoked/);
    const elapsed = Date.now() - started;
    console.log(`revoking the share link closed its socket ${elapsed} ms after the DELETE was sent`);
    expect(elapsed).toBeLessThan(1_000);
    await waitFor(() => parent.closes.length > 0, 5_000, "the stock client's socket closed too");

    expect((await api(relay, "POST", "/api/share", undefined, { secret })).status).toBe(404);
    expect((await openRaw(relay.syncUrl, klass.doc("report"), token).closed).code).toBe(CloseCode.Forbidden);
    expect((await klass.as("GET", `/api/workspaces/${klass.id}/share-links`)).links).toEqual([]);
    parent.destroy();
    teacher.destroy();
  });

  it("answers clear 4xx: students 403, the class index 400, bad secrets 400, unknown ones 404, unknown links 404", async () => {
    const klass = await createClass(relay);
    const sam = await klass.signIn((await klass.member("Sam", "student")).code);
    const path = `/api/workspaces/${klass.id}/share-links`;
    expect((await api(relay, "POST", path, sam, { docId: "report", label: "x" })).status).toBe(403);
    expect((await api(relay, "GET", path, sam)).status).toBe(403);
    expect((await api(relay, "POST", path, klass.teacher, { docId: "index", label: "x" })).status).toBe(400);
    expect((await api(relay, "POST", path, klass.teacher, { docId: "../x", label: "x" })).status).toBe(400);
    expect((await api(relay, "POST", path, klass.teacher, { docId: "report", label: "" })).status).toBe(400);
    expect((await api(relay, "POST", "/api/share", undefined, { secret: "short" })).status).toBe(400);
    expect((await api(relay, "POST", "/api/share", undefined, { secret: "A".repeat(43) })).status).toBe(404);
    expect((await api(relay, "DELETE", `${path}/sl_AAAAAAAAAAAAAAAA`, klass.teacher)).status).toBe(404);
    expect((await api(relay, "DELETE", `${path}/nope`, klass.teacher)).status).toBe(400);
  });
});
