/**
 * Issue 13: commenters and viewers never write text — their edits reach neither the database nor
 * other clients, on live sockets and after a role change mid-session — while their presence
 * (awareness) still shows. A demoted student's next update closes her socket with 4533 and
 * the reason; her stock client reconnects as a reader and keeps receiving others' edits.
 */
import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { type StockClient, connectStockClient, storedDoc, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { type TestClass, createClass } from "./class-fixture.ts";

const relay = useRelay();

function stored(klass: TestClass): string {
  return storedDoc(relay.dataDir, klass.doc("essay")).getText("body").toString();
}

describe("read-only roles in a class", () => {
  it("viewer and commenter edits reach neither the database nor other clients; their presence shows", async () => {
    const klass = await createClass(relay);
    const tokens = {
      student: await klass.signIn((await klass.member("Sam", "student")).code),
      commenter: await klass.signIn((await klass.member("Partner school", "commenter")).code),
      viewer: await klass.signIn((await klass.member("Parent", "viewer")).code),
    };
    const clients: Record<string, StockClient> = {};
    for (const [who, token] of Object.entries(tokens)) clients[who] = connectStockClient(relay.syncUrl, klass.doc("essay"), token);
    const { student, commenter, viewer } = clients as Record<"student" | "commenter" | "viewer", StockClient>;
    await Promise.all(Object.values(clients).map((c) => waitSynced(c.provider)));

    viewer.provider.awareness.setLocalStateField("user", { name: "Parent" });
    viewer.doc.getText("body").insert(0, "VIEWER ");
    commenter.doc.getText("body").insert(0, "COMMENTER ");
    student.doc.getText("body").insert(0, "student text");
    await waitFor(() => viewer.doc.getText("body").toString().includes("student text"), 10_000, "student's edit at the viewer");
    await waitFor(() => student.provider.awareness.getStates().has(viewer.doc.clientID), 10_000, "viewer's presence at the student");
    const fresh = connectStockClient(relay.syncUrl, klass.doc("essay"), klass.teacher);
    await waitSynced(fresh.provider);
    expect(fresh.doc.getText("body").toString()).toBe("student text");
    expect(student.doc.getText("body").toString()).toBe("student text");
    expect(stored(klass)).toBe("student text");
    // A viewer from the start is told once and keeps her socket. A commenter may write comments
    // (issue 15), so her text edit is a refused write: 4533 with the reason, then she reconnects.
    expect(viewer.provider.wsconnected).toBe(true);
    await waitFor(() => commenter.closes.length > 0, 10_000, "the commenter's text edit refused");
    expect(commenter.closes[0]?.code).toBe(CloseCode.ReadOnlyNow);
    await waitFor(() => commenter.provider.wsconnected, 10_000, "the commenter reconnected");
    for (const c of [...Object.values(clients), fresh]) c.destroy();
  });

  it("a student demoted to viewer mid-session: her next edit closes her socket (4533), is kept nowhere, and she keeps reading", async () => {
    const klass = await createClass(relay);
    const sam = await klass.member("Sam", "student");
    const student = connectStockClient(relay.syncUrl, klass.doc("essay"), await klass.signIn(sam.code));
    const teacher = connectStockClient(relay.syncUrl, klass.doc("essay"), klass.teacher);
    await Promise.all([waitSynced(student.provider), waitSynced(teacher.provider)]);
    student.doc.getText("body").insert(0, "before ");
    await waitFor(() => stored(klass) === "before ", 10_000, "edit before the change stored");

    await klass.as("PATCH", `/api/workspaces/${klass.id}/members/${sam.id}`, { role: "viewer" });
    student.doc.getText("body").insert(7, "AFTER");
    await waitFor(() => student.closes.length > 0, 10_000, "the demoted student's socket closed");
    expect(student.closes[0]?.code).toBe(CloseCode.ReadOnlyNow);
    expect(student.closes[0]?.reason).toMatch(/read-only: your role is viewer/);

    // She reconnects (45xx) as a reader: the teacher's later edit reaches her, hers never leaves.
    await waitFor(() => student.provider.wsconnected && student.provider.synced, 10_000, "reconnected");
    teacher.doc.getText("body").insert(0, "teacher ");
    await waitFor(() => student.doc.getText("body").toString().startsWith("teacher "), 10_000, "teacher's edit at the demoted student");
    await new Promise((r) => setTimeout(r, 300));
    expect(teacher.doc.getText("body").toString()).toBe("teacher before ");
    expect(stored(klass)).toBe("teacher before ");
    // One close only: as a reader her resent edit is denied, not closed again.
    expect(student.closes.filter((c) => c.code === CloseCode.ReadOnlyNow)).toHaveLength(1);
    student.destroy();
    teacher.destroy();
  });
});
