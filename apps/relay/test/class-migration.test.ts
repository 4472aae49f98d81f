/**
 * Issue 13: classes change nothing for workspaces from before them. A workspace's owner is
 * its teacher; tokens from before classes (no member row: joined with the edit or view code)
 * keep working as editor → student and viewer → viewer; tokens for a workspace the relay
 * never created (token CLI) and single-document tokens keep the old rule entirely.
 */
import { describe, expect, it } from "vitest";
import { connectStockClient, storedDoc, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { api, createClass } from "./class-fixture.ts";

const relay = useRelay();

describe("workspaces from before classes", () => {
  it("a pre-class editor token writes every document, a viewer token reads; both appear in the roster", async () => {
    const klass = await createClass(relay);
    const editor = relay.token({ workspace: klass.id, role: "editor", name: "Old editor", sub: "u_oldeditor01" });
    const viewer = relay.token({ workspace: klass.id, role: "viewer", name: "Old viewer", sub: "u_oldviewer01" });
    const e = connectStockClient(relay.syncUrl, klass.doc("old-doc"), editor);
    const v = connectStockClient(relay.syncUrl, klass.doc("old-doc"), viewer);
    await Promise.all([waitSynced(e.provider), waitSynced(v.provider)]);
    e.doc.getText("body").insert(0, "as before");
    v.doc.getText("body").insert(0, "NOT KEPT ");
    await waitFor(() => v.doc.getText("body").toString().includes("as before"), 10_000, "editor's edit at the viewer");
    await waitFor(() => storedDoc(relay.dataDir, klass.doc("old-doc")).getText("body").toString() === "as before", 10_000, "stored");
    const members = (await klass.as("GET", `/api/workspaces/${klass.id}/members`)).members as { id: string; role: string; name: string }[];
    expect(members.map((m) => [m.id, m.role, m.name])).toEqual([
      [klass.teacherId, "teacher", "Ms Teacher"],
      ["u_oldeditor01", "student", "Old editor"],
      ["u_oldviewer01", "viewer", "Old viewer"],
    ]);
    const workspace = await api(relay, "GET", `/api/workspaces/${klass.id}`, klass.teacher);
    expect(workspace.body).toMatchObject({ role: "editor", classRole: "teacher", owner: true });
    e.destroy();
    v.destroy();
  });

  it("an owner token from before classes is the teacher: it manages the class", async () => {
    const klass = await createClass(relay);
    // Another token of the owner (a second device from before classes): same sub.
    const ownerToken = relay.token({ workspace: klass.id, role: "editor", name: "Ms Teacher", sub: klass.teacherId });
    const group = await api(relay, "POST", `/api/workspaces/${klass.id}/groups`, ownerToken, { name: "Group 1" });
    expect(group.status).toBe(201);
  });

  it("CLI workspace tokens for a workspace the relay never created keep the token's role", async () => {
    const doc = "wclitokens1/notes";
    const editor = connectStockClient(relay.syncUrl, doc, relay.token({ workspace: "wclitokens1", role: "editor" }));
    const viewer = connectStockClient(relay.syncUrl, doc, relay.token({ workspace: "wclitokens1", role: "viewer" }));
    await Promise.all([waitSynced(editor.provider), waitSynced(viewer.provider)]);
    editor.doc.getText("body").insert(0, "cli");
    viewer.doc.getText("body").insert(0, "VIEWER ");
    await waitFor(() => viewer.doc.getText("body").toString().includes("cli"), 10_000, "edit at the viewer");
    await waitFor(() => storedDoc(relay.dataDir, doc).getText("body").toString() === "cli", 10_000, "stored");
    const members = await api(relay, "GET", "/api/workspaces/wclitokens1/members", relay.token({ workspace: "wclitokens1", role: "editor" }));
    expect(members.status).toBe(404);
    editor.destroy();
    viewer.destroy();
  });
});
