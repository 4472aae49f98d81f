/**
 * Issue 13: a teacher locks a document for students from a due time on. Before it the
 * student's edits are saved; from it her next edit is refused (4533, "locked") and kept
 * nowhere, while the teacher still writes. Unlocking lets students write again.
 */
import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { connectStockClient, storedDoc, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { api, createClass } from "./class-fixture.ts";

const relay = useRelay();

describe("a document locked at a due time", () => {
  it("makes students read-only from the due time on, not before; the teacher still writes; unlock reopens it", async () => {
    const klass = await createClass(relay);
    const group = await klass.group("Project 1");
    const sam = await klass.signIn((await klass.member("Sam", "student", [group])).code);
    const due = Date.now() + 2_500;
    const placed = await klass.place("report", { groupId: group, locked: true, lockFrom: due });
    expect(placed).toMatchObject({ groupId: group, locked: true, lockFrom: due });
    const stored = () => storedDoc(relay.dataDir, klass.doc("report")).getText("body").toString();

    const student = connectStockClient(relay.syncUrl, klass.doc("report"), sam);
    await waitSynced(student.provider);
    student.doc.getText("body").insert(0, "draft");
    await waitFor(() => stored() === "draft", 10_000, "edit before the due time stored");
    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/documents/report/access`, sam)).body.write).toBe(true);

    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now() + 50)));
    student.doc.getText("body").insert(5, " LATE");
    await waitFor(() => student.closes.length > 0, 10_000, "the late edit closed the socket");
    expect(student.closes[0]?.code).toBe(CloseCode.ReadOnlyNow);
    expect(student.closes[0]?.reason).toMatch(/locked/);
    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/documents/report/access`, sam)).body).toMatchObject({
      write: false,
      reason: { code: "locked" },
    });

    const teacher = connectStockClient(relay.syncUrl, klass.doc("report"), klass.teacher);
    await waitSynced(teacher.provider);
    teacher.doc.getText("body").insert(0, "graded: ");
    await waitFor(() => stored() === "graded: draft", 10_000, "teacher's edit after the due time stored");
    expect(stored()).not.toContain("LATE");
    student.destroy();

    await klass.place("report", { locked: false });
    const again = connectStockClient(relay.syncUrl, klass.doc("report"), sam);
    await waitSynced(again.provider);
    again.doc.getText("body").insert(again.doc.getText("body").length, " (revised)");
    await waitFor(() => stored() === "graded: draft (revised)", 10_000, "edit after unlock stored");
    again.destroy();
    teacher.destroy();
  });
});
