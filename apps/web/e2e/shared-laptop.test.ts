/**
 * Shared computers (issue 10, item 3): one school laptop (one browser context), used in turn by
 * Ana and Ben through "Who is writing?". Each person's edits are made under their own Yjs
 * client id and token, so a classmate on another device sees each paragraph come from the
 * right name; the first person's membership survives the second one joining; signing out with
 * edits the relay has not saved is refused and keeps them.
 */
import { type StockClient, connectStockClient, waitSynced } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useClassroom } from "./support/classroom.ts";
import { type Student, WAIT_MS, waitUntil } from "./support/student.ts";
import { addWriter, currentWriter, signOut, switchWriter, whoIsWriting, writersOnDevice } from "./support/who-is-writing.ts";

/** The text each Yjs client id inserted into the doc (what the relay stored, deleted or not). */
function textByClient(doc: Y.Doc): Map<number, string> {
  const result = new Map<number, string>();
  for (const [client, structs] of doc.store.clients) {
    let text = "";
    for (const struct of structs) if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) text += struct.content.str;
    result.set(client, text);
  }
  return result;
}

/** The client id whose inserted text contains `needle`. */
function writerOf(doc: Y.Doc, needle: string): number | undefined {
  for (const [client, text] of textByClient(doc)) if (text.includes(needle)) return client;
  return undefined;
}

/** The names the awareness (presence) of the stock client sees, by client id. */
function presenceNames(client: StockClient): Map<number, string> {
  const names = new Map<number, string>();
  for (const [id, state] of client.provider.awareness.getStates()) {
    const name = (state as { awarenessData?: { user?: { name?: unknown } } }).awarenessData?.user?.name;
    if (typeof name === "string") names.set(id, name);
  }
  return names;
}

describe("a shared laptop: who is writing?", () => {
  const classroom = useClassroom();
  let laptop: Student;
  let cam: Student;
  let code: string;
  let docPath: string;

  it("attributes each paragraph to the person who wrote it, and keeps the first person's membership", async () => {
    laptop = await classroom.student("Ana");
    cam = await classroom.student("Cam");
    await laptop.createWorkspace("Lab group 3");
    code = await laptop.editorJoinCode();
    docPath = await laptop.newDocument("Lab report");
    await laptop.caretAtEnd();
    await laptop.type("Ana measured the water.");
    await laptop.waitForRelaySaved();

    await cam.join(code);
    await cam.openFromSidebar("Lab report");
    await cam.waitForText(["Ana measured the water."]);

    // Ben sits down at the same laptop and joins the workspace as himself.
    await addWriter(laptop, "Ben", code);
    expect(await currentWriter(laptop)).toBe("Ben");
    await laptop.editor.waitFor();
    await laptop.waitForText(["Ana measured the water."]);
    await laptop.caretAtEnd();
    await laptop.page.keyboard.press("Enter");
    await laptop.type("Ben heated the beaker.");
    await laptop.waitForRelaySaved();
    await cam.waitForText(["Ana measured the water.", "Ben heated the beaker."]);

    // Cam's sidebar says Ben edited it last, and Cam's presence shows Ben on the laptop, not Ana.
    await cam.showDocuments();
    await cam.page.getByTestId("doc-list").getByText(/by Ben/).waitFor();
    await cam.page.locator('[data-testid="presence"] [data-name="Ben"]').waitFor();
    // Ana's presence left with her session (removed at once, or after awareness' 30 s timeout).
    await cam.page.locator('[data-testid="presence"] [data-name="Ana"]').waitFor({ state: "detached", timeout: 45_000 });

    // What the relay stored: each paragraph under a different client id, and the laptop's
    // current client id is presented as Ben.
    const [, workspaceId, docId] = docPath.split("/").filter(Boolean); // /w/<workspace>/<doc>
    const teacher = connectStockClient(
      classroom.relay.syncUrl,
      `${workspaceId}/${docId}`,
      classroom.relay.token({ workspace: workspaceId as string, role: "viewer", name: "Ms Kay" }),
    );
    try {
      await waitSynced(teacher.provider);
      const anaClient = writerOf(teacher.doc, "Ana measured");
      const benClient = writerOf(teacher.doc, "Ben heated");
      expect(anaClient).toBeDefined();
      expect(benClient).toBeDefined();
      expect(benClient).not.toBe(anaClient);
      await waitUntil(async () => presenceNames(teacher).get(benClient as number) === "Ben", WAIT_MS, () => "Ben's presence at the teacher");
      expect(presenceNames(teacher).get(anaClient as number)).not.toBe("Ben");
    } finally {
      teacher.destroy();
    }

    // Ana's membership is still on the laptop: she takes over again and writes as herself.
    expect((await writersOnDevice(laptop)).sort()).toEqual(["Ana", "Ben"]);
    await switchWriter(laptop, "Ana");
    await laptop.editor.waitFor();
    await laptop.waitForText(["Ben heated the beaker."]);
    await laptop.caretAtEnd();
    await laptop.page.keyboard.press("Enter");
    await laptop.type("Ana wrote the conclusion.");
    await laptop.waitForRelaySaved();
    await cam.waitForText(["Ana wrote the conclusion."]);
    await cam.page.locator('[data-testid="presence"] [data-name="Ana"]').waitFor();
    await cam.page.getByTestId("doc-list").getByText(/by Ana/).waitFor();
  });

  it("refuses to sign out someone whose edits the relay has not saved, and keeps them", async () => {
    await classroom.relay.kill("SIGKILL");
    await laptop.page.locator('[data-testid="connection"]', { hasText: "Can't reach the relay" }).waitFor();
    await laptop.caretAtEnd();
    await laptop.page.keyboard.press("Enter");
    await laptop.type("Ana's unsaved idea.");
    await laptop.page.locator('[data-testid="save-state"][data-pending]:not([data-pending="0"])').waitFor();

    await signOut(laptop, "Ana");
    const dialog = await whoIsWriting(laptop);
    await dialog.getByRole("alert").filter({ hasText: /not saved to the relay/ }).waitFor();
    expect((await writersOnDevice(laptop)).sort()).toEqual(["Ana", "Ben"]);
    expect(await currentWriter(laptop)).toBe("Ana");
    await dialog.getByRole("button", { name: "Done" }).click();
    expect(await laptop.text()).toContain("Ana's unsaved idea.");

    // Back online, the edits reach the relay under Ana's name; then she can sign out.
    await classroom.relay.restart();
    await laptop.waitForRelaySaved();
    await cam.waitForText(["Ana's unsaved idea."]);
    await signOut(laptop, "Ana");
    await laptop.page.locator('[data-testid="who-is-writing"][data-writer="Ben"]').waitFor();
    expect(await writersOnDevice(laptop)).toEqual(["Ben"]);
  });

  it("sends the previous writer's unsaved edits with her own token after the laptop changed hands", async () => {
    const second = await classroom.student("Eli");
    await second.join(code);
    await addWriter(second, "Fay", code);
    await switchWriter(second, "Eli");
    await second.openFromSidebar("Lab report");

    await classroom.relay.kill("SIGKILL");
    await second.page.locator('[data-testid="connection"]', { hasText: "Can't reach the relay" }).waitFor();
    await second.caretAtEnd();
    await second.page.keyboard.press("Enter");
    await second.type("Eli's offline note.");
    await second.page.locator('[data-testid="save-state"][data-pending]:not([data-pending="0"])').waitFor();

    // Fay takes the laptop while the relay is still down, and writes too.
    await switchWriter(second, "Fay");
    await second.editor.waitFor();
    await second.caretAtEnd();
    await second.page.keyboard.press("Enter");
    await second.type("Fay's note.");

    // The relay comes back: both notes reach Cam, though Eli never took the laptop back.
    await classroom.relay.restart();
    await cam.waitForText(["Eli's offline note.", "Fay's note."], 60_000);
    expect(await currentWriter(second)).toBe("Fay");

    const [, workspaceId, docId] = docPath.split("/").filter(Boolean);
    const teacher = connectStockClient(
      classroom.relay.syncUrl,
      `${workspaceId}/${docId}`,
      classroom.relay.token({ workspace: workspaceId as string, role: "viewer", name: "Ms Kay" }),
    );
    try {
      await waitSynced(teacher.provider);
      const eli = writerOf(teacher.doc, "Eli's offline");
      const fay = writerOf(teacher.doc, "Fay's note");
      expect(eli).toBeDefined();
      expect(fay).toBeDefined();
      expect(eli).not.toBe(fay);
    } finally {
      teacher.destroy();
    }
  });
});
