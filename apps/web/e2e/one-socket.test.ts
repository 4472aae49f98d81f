/**
 * Issue 17 item 4 in real Chromium against a real relay: a class workspace of several
 * documents uses ONE websocket (`/mux`) for all of them — the open editor, the index parts
 * and background sync — and still syncs and saves each document, while a lock or a removal
 * reaches exactly the document (channel) it concerns: the other documents keep saving on the
 * same socket.
 */
import { describe, expect, it } from "vitest";
import { classOf, openAs, openDocId } from "./support/class-setup.ts";
import { useClassroom } from "./support/classroom.ts";
import { decode, isMuxUrl } from "./support/mux-frames.ts";

describe("a class workspace over one socket", () => {
  const classroom = useClassroom();

  it("syncs and saves every document over one websocket; a lock makes only its document read-only", async () => {
    const teacher = await classroom.student("Ms Lee");
    await teacher.createWorkspace("Class 6A");
    const ids: string[] = [];
    for (const title of ["Essay", "Plan", "Notes"]) {
      await teacher.newDocument(title);
      await teacher.type(`${title} starts here.`);
      await teacher.waitForRelaySaved();
      ids.push(openDocId(teacher));
    }
    const klass = await classOf(classroom.relay, teacher);
    const { membership } = await klass.student("Ana", []);
    const ana = await classroom.student("Ana");
    const urls: string[] = [];
    const channelDocs: string[] = [];
    ana.page.on("websocket", (ws) => {
      urls.push(ws.url());
      ws.on("framesent", ({ payload }) => {
        const frame = decode(payload);
        if (frame?.kind === "open") channelDocs.push(frame.docName);
      });
    });
    await openAs(ana, membership);
    await ana.page.locator('[data-testid="background-sync"][data-pending="0"]').waitFor();
    await ana.openFromSidebar("Essay");
    await ana.waitForText(["Essay starts here."]);
    await ana.caretAtEnd();
    await ana.type(" Ana was here.");
    await ana.waitForRelaySaved();

    // One socket, the multiplexed one; every document (and the index) went over it.
    expect(urls).toHaveLength(1);
    expect(isMuxUrl(urls[0] as string)).toBe(true);
    for (const id of ids) expect(channelDocs.some((doc) => doc.endsWith(`/${id}`))).toBe(true);
    expect(channelDocs.some((doc) => /\/index(\/|$)/.test(doc))).toBe(true);

    // The teacher locks "Plan": only that document turns read-only, on the same socket.
    await klass.as("PATCH", `/documents/${ids[1]}`, { locked: true });
    await ana.openFromSidebar("Plan");
    await ana.waitForText(["Plan starts here."]);
    // Her first keystroke there is refused: the relay closes that channel (4533), as it would
    // close that document's own socket.
    await ana.caretAtEnd();
    await ana.type(" Late.");
    await expect(ana.page.getByTestId("doc-access-notice").getAttribute("data-kind")).resolves.toBe("locked");
    await ana.openFromSidebar("Notes");
    await ana.waitForText(["Notes starts here."]);
    await ana.caretAtEnd();
    await ana.type(" Still writable.");
    await ana.waitForRelaySaved();
    expect(await ana.page.getByTestId("doc-access-notice").count()).toBe(0);
    expect(urls).toHaveLength(1);

    // Removed from the class: she is told, on the document she has open.
    const members = (await klass.as("GET", "/members")).members as { id: string; name: string }[];
    await klass.as("DELETE", `/members/${members.find((m) => m.name === "Ana")?.id}`);
    await ana.page.getByTestId("removed-notice").waitFor();
    await expect(ana.page.getByTestId("doc-access-notice").getAttribute("data-kind")).resolves.toBe("removed");
  });
});
