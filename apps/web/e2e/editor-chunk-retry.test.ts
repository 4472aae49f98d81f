/**
 * The editor is a chunk of its own (src/editor/LazyEditor.tsx). If that chunk cannot be
 * fetched — the connection dropped before the service worker had cached it — the document
 * view says so with a "Try again" button instead of a blank page, the rest of the app keeps
 * working, and once the chunk can be fetched, "Try again" brings up the editor in place.
 */
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";

describe("editor chunk", () => {
  const classroom = useClassroom();

  it("a failed editor download shows a retry, and the retry opens the editor", async () => {
    const ana = await classroom.student("Ana");
    // Every request for the editor chunk fails until released, as on a dropped connection.
    let blocked = 0;
    await ana.context.route(/\/assets\/Editor-[\w-]+\.js$/, (route) => {
      blocked++;
      return route.abort("internetdisconnected");
    });
    await ana.createWorkspace("Retry");
    await ana.page.getByRole("button", { name: "+ New document" }).click();
    const alert = ana.page.getByRole("alert").filter({ hasText: "The editor could not be loaded" });
    await alert.waitFor();
    expect(blocked).toBeGreaterThan(0);
    // The rest of the app still works: the sidebar lists the new doc.
    await ana.page.getByTestId("doc-list").waitFor();

    await ana.context.unrouteAll();
    await alert.getByRole("button", { name: "Try again" }).click();
    await ana.editor.waitFor();
    await ana.caretAtEnd();
    await ana.type("written after the retry");
    await ana.waitForText(["written after the retry"]);
    await ana.waitForRelaySaved();
  });
});
