/**
 * A link in a shared document opens in a new tab that cannot reach back into Quire (security
 * finding S7: a synced link moved the Quire tab to another page through `window.opener`). In
 * real Chromium: the page a clicked link opens has no `window.opener`, and a link whose synced
 * `rel` a classmate's modified client rewrote still renders `rel="noopener noreferrer"`.
 */
import { connectStockClient, waitFor, waitSynced } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useClassroom } from "./support/classroom.ts";

describe("links open safely", () => {
  const classroom = useClassroom();

  it("the opened page has no opener, and a rewritten rel is not rendered", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Links");
    const path = await ana.newDocument("Sources");
    await ana.caretAtEnd();
    await ana.type("Relay health");
    await ana.page.keyboard.press("Shift+Home");
    await ana.page.getByRole("button", { name: "Link" }).click();
    // Same origin as Quire on purpose: an opener would then even have script access to it.
    const target = `${classroom.relay.httpUrl}/healthz`;
    await ana.page.getByLabel("Link address").fill(target);
    await ana.page.getByRole("button", { name: "Add link" }).click();
    const link = ana.editor.locator(`a[href="${target}"]`);
    await link.waitFor();

    const [opened] = await Promise.all([ana.context.waitForEvent("page"), link.click()]);
    await opened.waitForLoadState();
    expect(await opened.evaluate(() => window.opener === null)).toBe(true);
    await opened.close();
    expect(new URL(ana.page.url()).pathname).toBe(path); // the Quire tab stayed where it was

    // Mallory, an editor of the workspace, rewrites the link's synced rel through a stock client.
    const [, workspace, doc] = path.split("/").filter(Boolean) as [string, string, string];
    const mallory = connectStockClient(
      classroom.relay.syncUrl,
      `${workspace}/${doc}`,
      classroom.relay.token({ workspace, role: "editor", name: "Mallory" }),
    );
    try {
      await waitSynced(mallory.provider);
      const root = mallory.doc.get("root-v2", Y.XmlElement);
      const links = () => {
        const found: Y.XmlElement[] = [];
        const visit = (element: Y.XmlElement) => {
          if (element.getAttribute("__url") !== undefined) found.push(element);
          for (const child of element.toArray()) if (child instanceof Y.XmlElement) visit(child);
        };
        visit(root);
        return found;
      };
      await waitFor(() => links().length > 0, 30_000, "Ana's link reaches Mallory");
      mallory.doc.transact(() => {
        for (const element of links()) {
          element.setAttribute("__rel", "opener");
          // A visible change in the same transaction shows when the rewrite has been rendered.
          element.setAttribute("__title", "rewritten");
        }
      });
      await ana.editor.locator('a[title="rewritten"]').waitFor();
    } finally {
      mallory.destroy();
    }
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
    const [again] = await Promise.all([ana.context.waitForEvent("page"), link.click()]);
    await again.waitForLoadState();
    expect(await again.evaluate(() => window.opener === null)).toBe(true);
    await again.close();
  });
});
