/**
 * Issue 15's search acceptance at class size: 50 documents written to the relay by a stock
 * Yjs client in the app's own layout (the workspace index through `WorkspaceIndex.create`, each
 * body as @lexical/yjs v2 `root-v2` paragraphs), synced by the browser in the background; then,
 * with the network off, a query lists the right documents in ranked order, a result opens at
 * its match, and a word typed a moment ago (offline) is found and ranked.
 */
import { WorkspaceIndex } from "@quire/client";
import { workspaceIndexDocName } from "@quire/core";
import { connectStockClient, type StockClient, waitSynced } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useClassroom } from "./support/classroom.ts";
import { WAIT_MS, waitUntil } from "./support/student.ts";

const DOCS = 50;
/** Every body has exactly this many words, so BM25's length factor is equal and `kestrel`'s count decides the order. */
const WORDS = 40;
const FILLER = "the river runs past old stone walls near our small town and every field".split(" ");
/** Which documents say "kestrel", how often: the ranked order is 37, 4, 22, 45, 11 (not creation order). */
const KESTRELS: Record<number, number> = { 37: 5, 4: 4, 22: 3, 45: 2, 11: 1 };
const title = (n: number) => `Note ${String(n).padStart(2, "0")}`;

/** Body paragraphs of document `n`: filler words, the first `count` of them replaced by "kestrel". */
function body(n: number): string[] {
  const count = KESTRELS[n] ?? 0;
  const words = Array.from({ length: WORDS }, (_, i) => (i < count * 7 && i % 7 === 3 ? "kestrel" : (FILLER[(i + n) % FILLER.length] as string)));
  return [words.slice(0, 20).join(" "), words.slice(20).join(" ")];
}

function writeParagraphs(doc: Y.Doc, paragraphs: string[]): void {
  doc.transact(() => {
    const root = doc.get("root-v2", Y.XmlElement) as Y.XmlElement;
    root.insert(
      0,
      paragraphs.map(() => new Y.XmlElement("paragraph")),
    );
    paragraphs.forEach((text, i) => {
      const paragraph = root.get(i) as Y.XmlElement;
      paragraph.insert(0, [new Y.XmlText(text)]);
    });
  });
}

describe("search across 50 documents, offline", () => {
  const classroom = useClassroom();

  it("ranks the right documents, opens a result at its match, and finds an edit made a moment ago", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Birds");
    const workspace = new URL(ana.page.url()).pathname.split("/")[2] as string;
    const token = classroom.relay.token({ workspace, role: "editor", name: "Seeder" });

    // The seeder writes the 50 documents and their index entries as the app would.
    const clients: StockClient[] = [];
    try {
      const indexClient = connectStockClient(classroom.relay.syncUrl, workspaceIndexDocName(workspace), token);
      clients.push(indexClient);
      await waitSynced(indexClient.provider);
      const index = new WorkspaceIndex(indexClient.doc);
      for (let n = 1; n <= DOCS; n++) {
        const id = index.create(title(n), "Seeder");
        const client = connectStockClient(classroom.relay.syncUrl, `${workspace}/${id}`, token);
        clients.push(client);
        writeParagraphs(client.doc, body(n));
      }
      await Promise.all(clients.map((c) => waitSynced(c.provider)));
    } catch (error) {
      for (const c of clients) c.destroy();
      throw error;
    }

    const field = ana.page.getByRole("searchbox", { name: "Search all documents" });
    const results = ana.page.getByTestId("search-results").getByRole("button");
    const titles = async (): Promise<string[]> => (await results.allInnerTexts()).map((text) => text.split("\n")[0] as string);
    /** Searches until the list is `expected` (the list shown just after typing can be the previous query's). */
    const expectListed = async (query: string, expected: (list: string[]) => boolean, what: string): Promise<void> => {
      let last: string[] = [];
      await waitUntil(
        async () => {
          if ((await field.inputValue()) !== query) {
            await field.fill("");
            await field.fill(query);
          }
          await ana.page.getByRole("status").filter({ hasText: /document|No document|Nothing found/ }).first().waitFor();
          last = await titles();
          if (expected(last)) return true;
          await field.fill(""); // searched again on the next round: the index may have caught up
          return false;
        },
        WAIT_MS * 2,
        () => `"${query}" to list ${what}; it listed ${JSON.stringify(last)}`,
      );
    };
    const ranked = [37, 4, 22, 45, 11].map(title);
    const inOrder = (want: string[]) => (list: string[]) => JSON.stringify(list) === JSON.stringify(want);
    // The index catches up as device copies arrive (on focus and every 15 s): wait for all five.
    try {
      // Ana's browser lists them and copies every document to the device in the background.
      await ana.showDocuments();
      await ana.sidebarItem(title(DOCS)).waitFor({ timeout: WAIT_MS });
      await expectListed("kestrel", (list) => list.length === ranked.length, "5 documents");
    } finally {
      // Kept connected until the browser has everything, so no write can be cut off on close.
      for (const c of clients) c.destroy();
    }

    await ana.setOffline(true);
    await ana.waitForConnection("offline");
    // All 50 are indexed: a word none has gets "none", not "nothing found yet: n of 50 searched".
    await field.fill("heron");
    await ana.page.getByRole("status").filter({ hasText: "No document contains that." }).waitFor({ timeout: WAIT_MS * 2 });
    // Every document says "walls": the list stops at the sidebar's 20.
    await expectListed("walls", (list) => list.length === 20, "20 documents");
    // Term frequency decides (every body is the same length): the order is not creation order.
    await expectListed("kestrel", inOrder(ranked), ranked.join(", "));

    // The top result opens at its match: find shows the query on the first of its five.
    await results.filter({ hasText: title(37) }).click();
    await ana.page.waitForURL(/\/d[a-z0-9]{10}$/);
    expect(await ana.page.getByLabel("Document title").inputValue()).toBe(title(37));
    await ana.waitForText(["kestrel"]);
    await waitUntil(async () => (await ana.page.getByTestId("find-count").textContent()) === "1 of 5", WAIT_MS, () => "find to show 1 of 5");
    await ana.page.getByRole("button", { name: "Close find" }).click();
    expect(await ana.page.evaluate(() => window.getSelection()?.toString())).toBe("kestrel");

    // Offline, Ana adds eight kestrels to a document that had none: it is found, and first.
    await ana.openFromSidebar(title(2));
    await ana.caretAtEnd();
    await ana.type(" Kestrel kestrel kestrel kestrel kestrel kestrel kestrel kestrel.");
    await ana.waitForText(["kestrel kestrel."]);
    await expectListed("kestrel", inOrder([title(2), ...ranked]), `${title(2)} first, then ${ranked.join(", ")}`);
  }, 120_000);
});
