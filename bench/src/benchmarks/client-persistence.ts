/**
 * @module client-persistence
 * Benchmark 7: the web app's IndexedDB layer (@quire/client DeviceStore) vs y-indexeddb, both
 * under fake-indexeddb in Node: time to load a doc after N small updates, rows/bytes left on
 * the device, and growth when the doc is reopened without edits (must be zero). The loss
 * window when a tab closes needs a real browser: see client-persistence-browser.ts.
 */
import { IDBFactory as FakeIDBFactory, IDBKeyRange as FakeIDBKeyRange } from "fake-indexeddb";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
// The web app exports its data layer only to its own UI; the benchmark reaches into the
// source file (it depends on yjs and web-limits only). See the bench README.
import { DeviceStore } from "@quire/client";
import { idbFootprint } from "../harness/idb-inspect.ts";
import { seededRandom } from "@quire/testkit";
import { type Benchmark, type BenchContext, fmt, fmtRatio, verdict } from "../harness/result.ts";
import { ratio, summarize } from "../harness/stats.ts";
import { browserLossWindow } from "./client-persistence-browser.ts";

type Impl = "quire" | "y-indexeddb";
const IMPLS: Impl[] = ["quire", "y-indexeddb"];
const LABEL: Record<Impl, string> = { quire: "Quire DeviceStore", "y-indexeddb": "y-indexeddb 9.0.12" };
const REOPENS = 3;

interface Opened {
  loaded: Promise<unknown>;
  close(): Promise<void>;
}

function open(impl: Impl, name: string, doc: Y.Doc, factory: IDBFactory): Opened {
  if (impl === "quire") {
    const store = new DeviceStore(name, doc, { indexedDB: factory });
    return { loaded: store.whenLoaded, close: () => store.destroy() };
  }
  const persistence = new IndexeddbPersistence(name, doc);
  return { loaded: persistence.whenSynced, close: () => persistence.destroy() };
}

interface RunFigures {
  writeMs: number;
  rowsAfterWrite: number;
  loadMs: number;
  rowsAfterLoad: number;
  bytesAfterLoad: number;
  /** Bytes added to the device by reopening the doc REOPENS times without edits. */
  reloadGrowthBytes: number;
  reloadGrowthRows: number;
}

async function runOnce(impl: Impl, updates: number, seed: number): Promise<RunFigures> {
  // A fresh in-memory IndexedDB per run; y-indexeddb uses the globals.
  const factory: IDBFactory = new FakeIDBFactory();
  Object.assign(globalThis, { indexedDB: factory, IDBKeyRange: FakeIDBKeyRange });
  const name = `doc-${impl}-${updates}`;
  const random = seededRandom(seed);
  const doc = new Y.Doc({ gc: false });
  const writer = open(impl, name, doc, factory);
  await writer.loaded;
  const text = doc.getText("text");
  const t0 = performance.now();
  for (let i = 0; i < updates; i++) {
    text.insert(Math.floor(random() * (text.length + 1)), String.fromCharCode(97 + Math.floor(random() * 26)));
    // Each keystroke its own task, as when a student types: Quire's DeviceStore merges the
    // updates of one task into one write, so a synchronous loop would measure one row.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const rowsAfterWrite = (await idbFootprint(factory, name)).rows;
  const writeMs = performance.now() - t0;
  const expected = text.toString();
  await writer.close();
  doc.destroy();

  const loadOnce = async (): Promise<number> => {
    const fresh = new Y.Doc({ gc: false });
    const t = performance.now();
    const reader = open(impl, name, fresh, factory);
    await reader.loaded;
    const ms = performance.now() - t;
    const ok = fresh.getText("text").toString() === expected;
    await reader.close();
    fresh.destroy();
    if (!ok) throw new Error(`${impl}: loaded text differs from what was written`);
    return ms;
  };
  const loadMs = await loadOnce();
  const afterLoad = await idbFootprint(factory, name);
  for (let i = 0; i < REOPENS; i++) await loadOnce();
  const afterReopens = await idbFootprint(factory, name);
  return {
    writeMs,
    rowsAfterWrite,
    loadMs,
    rowsAfterLoad: afterLoad.rows,
    bytesAfterLoad: afterLoad.bytes,
    reloadGrowthBytes: afterReopens.bytes - afterLoad.bytes,
    reloadGrowthRows: afterReopens.rows - afterLoad.rows,
  };
}

export const clientPersistence: Benchmark = {
  id: "client-persistence",
  title: "7. Client persistence",
  async run(context: BenchContext) {
    // 100k is not run: fake-indexeddb schedules queued transactions in O(n²) (its
    // `intersection` scope check dominated a profile), so one 100k run takes longer than the
    // whole bench budget; 10k already takes ~45 s per run here. See Findings.
    const sizes = context.quick ? [1_000] : [1_000, 10_000];
    const runs = context.quick ? 1 : 5;
    const warmups = context.quick ? 0 : 1;
    const rows: string[][] = [];
    const verdictRows: string[][] = [];
    const data: Record<string, unknown> = {};
    for (const updates of sizes) {
      const results = new Map<Impl, RunFigures[]>(IMPLS.map((i) => [i, []]));
      for (let run = 0; run < warmups + runs; run++) {
        for (const impl of run % 2 === 0 ? IMPLS : [...IMPLS].reverse()) {
          // Warm-up runs use a tenth of the updates: they only warm the code paths.
          const figures = await runOnce(impl, run < warmups ? Math.max(100, updates / 10) : updates, 7_000 + run);
          if (run >= warmups) results.get(impl)?.push(figures);
        }
      }
      context.log(`client-persistence ${updates} updates done`);
      const s = (impl: Impl, key: keyof RunFigures) => summarize((results.get(impl) ?? []).map((r) => r[key]));
      for (const impl of IMPLS) {
        rows.push([
          updates.toLocaleString("en"),
          LABEL[impl],
          fmt(s(impl, "writeMs"), 0),
          fmt(s(impl, "rowsAfterWrite"), 0),
          fmt(s(impl, "loadMs"), 1),
          fmt(s(impl, "rowsAfterLoad"), 0),
          fmt(s(impl, "bytesAfterLoad"), 1, 1 / 1024),
          `${fmt(s(impl, "reloadGrowthRows"), 0)} rows / ${fmt(s(impl, "reloadGrowthBytes"), 0)} B`,
        ]);
      }
      const loadRatio = ratio(s("quire", "loadMs").median, s("y-indexeddb", "loadMs").median);
      const growth = s("quire", "reloadGrowthBytes").max;
      verdictRows.push([updates.toLocaleString("en"), fmtRatio(loadRatio), verdict(loadRatio, 1), `${growth} B`, verdict(growth, 0)]);
      data[String(updates)] = Object.fromEntries(results);
    }
    const tables = [
      {
        caption: "Under fake-indexeddb in Node",
        columns: ["updates", "layer", "write ms", "rows after writing", "load ms", "rows after load", "KiB after load", `growth over ${REOPENS} reopens`],
        rows,
      },
      {
        caption: "Quire against its targets",
        columns: ["updates", "load time vs y-indexeddb", "≤ 1.00×", "growth on reload without edits (max)", "must be 0"],
        rows: verdictRows,
      },
    ];
    const notes: string[] = [];
    let status = "ok";
    try {
      const browser = await browserLossWindow(context);
      tables.push(browser.table);
      notes.push(...browser.notes);
      data.browser = browser.data;
    } catch (error) {
      status = `ok (Node part); browser part not run: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
    }
    return {
      status,
      method: `Per run: a fresh fake-indexeddb; one doc receives N single-character inserts at seeded random positions, each its own Yjs transaction in its own task (a timer tick between keystrokes, as typing produces; Quire merges only updates of the same task); "write ms" is until IndexedDB has committed them all. The doc is closed and loaded into a fresh Y.Doc ("load ms", text checked), then reopened and closed ${REOPENS} more times without edits; growth = rows and bytes the reopens added to the updates store (read directly from IndexedDB). ${runs} runs after ${warmups} warm-up (a tenth of the size), alternating.`,
      tables,
      notes,
      data,
    };
  },
};
