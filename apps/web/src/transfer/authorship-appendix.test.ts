// @vitest-environment jsdom
/**
 * "Who wrote this" (issue 15): the figures come from a real relay process (two members type
 * through stock y-websocket clients; the relay attributes by provenance), and the appendix
 * lands at the end of the DOCX, Markdown and HTML exports and of the printout. Offline the
 * export refuses with "needs a connection" instead of guessing.
 */
import { HistoryClient } from "@quire/client";
// Renamed: `useRelay` is vitest setup (beforeAll/afterAll), not a React hook, but in apps/web
// Biome's rules-of-hooks check reads any `use…` call at module level as one.
import { connectStockClient, useRelay as relayForThisFile, waitFor, waitSynced } from "@quire/testkit";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { t } from "../i18n/instance.ts";
import { AuthorshipUnavailable, authorshipShares, fetchAuthorship } from "./authorship-appendix.ts";
import { authorshipSection, printWithAuthorship } from "./authorship-print.ts";
import { everyNodeDoc } from "./every-node-document.ts";
import { exportDocument } from "./transfer.ts";

const relay = relayForThisFile({ env: { CHECKPOINT_IDLE_MS: "100000" } });
const WS = "w0000000au1";
const AT = Date.UTC(2026, 11, 1, 9, 30);

describe("authorship appendix", () => {
  it("gives each member's share of the surviving text, from the relay, in every export format", async () => {
    const doc = `${WS}/d0000000001`;
    const anaToken = relay.token({ workspace: WS, sub: "u_ana", name: "Ana" });
    const ana = connectStockClient(relay.syncUrl, doc, anaToken);
    const ben = connectStockClient(relay.syncUrl, doc, relay.token({ workspace: WS, sub: "u_ben", name: "Ben" }));
    try {
      await Promise.all([waitSynced(ana.provider), waitSynced(ben.provider)]);
      ana.doc.getText("t").insert(0, "Ana wrote thirty characters...");
      await waitFor(() => ben.doc.getText("t").length === 30, 10_000, "Ben has Ana's text");
      ben.doc.getText("t").insert(30, " Ben wrote");
      await waitFor(() => ana.doc.getText("t").length === 40, 10_000, "Ana has Ben's text");

      const client = new HistoryClient({ baseUrl: relay.httpUrl, token: () => anaToken });
      const appendix = await waitForFigures(() => fetchAuthorship(client, doc, t, "en", () => AT));
      expect(appendix.heading).toBe("Who wrote this");
      expect(appendix.rows).toEqual([
        { name: "Ana", characters: "30", share: "75%" },
        { name: "Ben", characters: "10", share: "25%" },
      ]);

      const md = new TextDecoder().decode((await exportDocument(everyNodeDoc(), "Lab report", "md", "en", appendix)).bytes);
      expect(md).toMatch(/## Who wrote this\n\nEach member’s share[^\n]*Dec 1, 2026[^\n]*\n\n\| Member \| Characters still in the document \| Share \|\n\| --- \| --- \| --- \|\n\| Ana \| 30 \| 75% \|\n\| Ben \| 10 \| 25% \|\n$/);
      expect(md.indexOf("# Lab report")).toBeLessThan(md.indexOf("## Who wrote this"));

      const html = new TextDecoder().decode((await exportDocument(everyNodeDoc(), "Lab report", "html", "en", appendix)).bytes);
      const page = new DOMParser().parseFromString(html, "text/html");
      expect([...page.querySelectorAll("h2")].at(-1)?.textContent).toBe("Who wrote this");
      expect([...page.querySelectorAll("table")].at(-1)?.textContent).toContain("Ana3075%Ben1025%");

      const docx = unzipSync((await exportDocument(everyNodeDoc(), "Lab report", "docx", "en", appendix)).bytes);
      const xml = strFromU8(docx["word/document.xml"] as Uint8Array);
      const tail = xml.slice(xml.lastIndexOf("Who wrote this"));
      for (const text of ["Ana", "75%", "Ben", "25%"]) expect(tail).toContain(text);

      // Without the option nothing is added.
      const plain = new TextDecoder().decode((await exportDocument(everyNodeDoc(), "Lab report", "md", "en")).bytes);
      expect(plain).not.toContain("Who wrote this");
    } finally {
      ana.destroy();
      ben.destroy();
    }
  });

  it("offline: the export says the appendix needs a connection (no guess, nothing made)", async () => {
    // Port 1 refuses connections: the request never reaches a relay, as with no network.
    const client = new HistoryClient({ baseUrl: "http://127.0.0.1:1", token: () => "x", timeoutMs: 5_000 });
    const failure = await fetchAuthorship(client, `${WS}/d0000000002`, t, "en").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AuthorshipUnavailable);
    expect(failure).toMatchObject({ reason: "offline", message: expect.stringMatching(/needs a connection/) });
  });

  it("a member the relay refuses gets 'could not give the figures', not an appendix", async () => {
    const client = new HistoryClient({ baseUrl: relay.httpUrl, token: () => relay.token({ workspace: "w0000000zz9", sub: "u_x", name: "X" }) });
    const failure = await fetchAuthorship(client, `${WS}/d0000000001`, t, "en").catch((e: unknown) => e);
    expect(failure, String((failure as Error).cause)).toMatchObject({ reason: "failed" });
  });

  it("shares: largest first, members whose text is all gone at 0 %, nobody → no rows", () => {
    const row = (name: string, inserted: number, surviving: number) => ({ userId: name, name, inserted, surviving }) as Parameters<typeof authorshipShares>[0][number];
    expect(authorshipShares([row("Ben", 5, 1), row("Ana", 9, 3), row("Cy", 4, 0), row("Di", 0, 0)])).toEqual([
      { name: "Ana", surviving: 3, share: 0.75 },
      { name: "Ben", surviving: 1, share: 0.25 },
      { name: "Cy", surviving: 0, share: 0 },
    ]);
    expect(authorshipShares([])).toEqual([]);
  });

  it("print: the section is there while printing, gone after, and names are text (never markup)", () => {
    const appendix = { heading: "Who wrote this", note: "n", columns: ["M", "C", "S"] as const, rows: [{ name: '<img src=x onerror="window.pwned=1">', characters: "1", share: "100%" }] };
    expect(authorshipSection(appendix).querySelector("img")).toBeNull();
    const container = document.createElement("article");
    document.body.append(container);
    let printed = "";
    // jsdom has no print dialog: record what the page holds at the moment the dialog would open.
    window.print = () => {
      printed = container.querySelector(".print-appendix")?.textContent ?? "";
    };
    printWithAuthorship(container, appendix);
    printWithAuthorship(container, appendix);
    expect(printed).toContain("Who wrote this");
    expect(container.querySelectorAll(".print-appendix")).toHaveLength(1);
    window.dispatchEvent(new Event("afterprint"));
    expect(container.querySelector(".print-appendix")).toBeNull();
  });
});

/** The relay attributes a write once it is persisted; ask until both members are counted. */
async function waitForFigures<T extends { rows: readonly unknown[] }>(ask: () => Promise<T>): Promise<T> {
  let last: T | null = null;
  await waitFor(
    async () => {
      last = await ask();
      return last.rows.length === 2;
    },
    10_000,
    "both members in the figures",
  );
  return last as unknown as T;
}
