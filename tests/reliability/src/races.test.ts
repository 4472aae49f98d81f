/**
 * Races and client faults: a client reconnecting while its doc unloads gets the final edit;
 * two offline clients editing the same spot converge without losing a character; a client
 * offline with 5,000 edits reconverges. Seeded: SEED=<n> pnpm -s exec vitest run --project reliability races
 */
import { createRandom, planSeeds, replayCommand, useRelay, WireClient, withReplay } from "@quire/testkit";
import * as prng from "lib0/prng";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { randomEdit } from "./harness/random-edits.ts";
import { recordFigures } from "./harness/report.ts";
import { readStoredDoc } from "./harness/stored-docs.ts";
import { converge, sleep, waitStored } from "./scenarios/convergence.ts";
import { describeDoc } from "./harness/doc-state.ts";

const UNLOAD_DELAY_MS = 20;

const relay = useRelay({ env: { UNLOAD_DELAY_MS: String(UNLOAD_DELAY_MS), COMPACT_AFTER_UPDATES: "5" } });

describe("reconnect during unload", () => {
  const plan = planSeeds(1, 4_242);
  it.each(plan.seeds)("seed %i: 40 leave/rejoin cycles around the unload never lose the final edit", async (seed) => {
    await withReplay(seed, replayCommand("reliability", "races", seed), async () => {
      const rng = createRandom(seed);
      const docName = `race-${seed}/unload`;
      const token = relay.token({ doc: docName, role: "editor" });
      let expected = "";
      for (let cycle = 0; cycle < 40; cycle++) {
        const writer = new WireClient({ syncUrl: relay.syncUrl, docName, token });
        await writer.connect();
        await writer.waitSynced();
        const line = `cycle ${cycle};`;
        writer.doc.get("root", Y.XmlText).insert(writer.doc.get("root", Y.XmlText).length, line);
        expected += line;
        await writer.disconnect(); // right after the edit: the relay saves, then starts unloading
        writer.destroy();
        await sleep(prng.int32(rng, 0, UNLOAD_DELAY_MS * 2));
        const reader = new WireClient({ syncUrl: relay.syncUrl, docName, token });
        try {
          await reader.connect();
          await reader.waitSynced();
          const text = reader.doc.get("root", Y.XmlText).toString();
          if (text !== expected) throw new Error(`cycle ${cycle}: reconnecting client got ${JSON.stringify(text.slice(-40))}, want …${JSON.stringify(expected.slice(-40))}`);
        } finally {
          await reader.disconnect();
          reader.destroy();
        }
      }
    });
  });
});

describe("offline clients", () => {
  it("two offline clients typing at the same spot, deleting and formatting the same words, converge with every character kept", async () => {
    const docName = "race-offline/same-spot";
    const token = relay.token({ doc: docName, role: "editor" });
    const [a, b] = [0, 1].map(() => new WireClient({ syncUrl: relay.syncUrl, docName, token })) as [WireClient, WireClient];
    try {
      for (const c of [a, b]) await c.connect();
      for (const c of [a, b]) await c.waitSynced();
      a.doc.get("root", Y.XmlText).insert(0, "The quick brown fox.");
      await converge(relay, [a, b]);
      await a.disconnect();
      await b.disconnect();
      const ta = a.doc.get("root", Y.XmlText);
      const tb = b.doc.get("root", Y.XmlText);
      ta.insert(4, "AAA ");
      tb.insert(4, "BBB ");
      tb.format(4, 3, { bold: true });
      ta.delete(14, 6); // "brown " → deleted by A while B…
      tb.format(14, 5, { italic: true }); // …formats it (the format must not resurrect it)
      ta.insert(ta.length, " A-end");
      tb.insert(tb.length, " B-end");
      await converge(relay, [a, b]);
      const final = plainText(ta);
      expect(describeDoc(b.doc)).toEqual(describeDoc(a.doc));
      for (const piece of ["AAA ", "BBB ", " A-end", " B-end", "The ", "quick", "fox."]) expect(final).toContain(piece);
      expect(final).not.toContain("brown");
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  // Regression test for FINDINGS.md F5 (an F4 fix refused this client's step 2 forever).
  it("a client offline with 5,000 edits reconverges with a busy peer", async () => {
    const docName = "race-offline/five-thousand";
    const token = relay.token({ doc: docName, role: "editor" });
    const rng = createRandom(5_000);
    const [offline, online] = [0, 1].map(() => new WireClient({ syncUrl: relay.syncUrl, docName, token })) as [WireClient, WireClient];
    try {
      for (const c of [offline, online]) await c.connect();
      for (const c of [offline, online]) await c.waitSynced();
      await offline.disconnect();
      for (let i = 0; i < 5_000; i++) randomEdit(offline.doc, rng, `o${i}`);
      for (let i = 0; i < 300; i++) randomEdit(online.doc, rng, `n${i}`);
      const started = Date.now();
      await converge(relay, [offline, online], 60_000);
      const seconds = (Date.now() - started) / 1000;
      await waitStored(relay.dataDir, docName, describeDoc(online.doc));
      const stored = readStoredDoc(relay.dataDir, docName);
      expect(stored.get("root", Y.XmlText).length).toBe(online.doc.get("root", Y.XmlText).length);
      stored.destroy();
      recordFigures("offline-5000", { offlineEdits: 5_000, peerEdits: 300, reconvergeSeconds: seconds });
    } finally {
      offline.destroy();
      online.destroy();
    }
  });
});

/** The characters of a rich text, without formatting markup. */
function plainText(text: Y.XmlText): string {
  return text
    .toDelta()
    .map((op: { insert: unknown }) => (typeof op.insert === "string" ? op.insert : ""))
    .join("");
}
