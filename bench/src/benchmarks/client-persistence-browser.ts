/**
 * @module client-persistence-browser
 * The real-Chromium half of benchmark 7: load time after 10k updates over the browser's own
 * IndexedDB, and the loss window when a tab closes right after typing (y-indexeddb#28): how
 * many of the last keystrokes a fresh tab no longer finds.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { PersistencePageApi } from "../browser/persistence-page.ts";
import { launchChromium } from "@quire/testkit";
import { type BenchContext, type Table, fmt } from "../harness/result.ts";
import { serveDir } from "../harness/static-server.ts";
import { summarize } from "../harness/stats.ts";

type Impl = "quire" | "y-indexeddb";
const IMPLS: Impl[] = ["quire", "y-indexeddb"];
const benchRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/**
 * Keystrokes typed before the tab is closed and the pause between them: a fast typist; a burst
 * in one task (a script, a big paste split into many changes); and a burst of one task per
 * keystroke with no pause (autorepeat or a script outrunning the writes' commits).
 */
const LOSS_CASES: { typed: number; intervalMs: number | "task"; label: string }[] = [
  { typed: 50, intervalMs: 20, label: "50 typed 20 ms apart" },
  { typed: 500, intervalMs: 0, label: "500 typed in one task" },
  { typed: 500, intervalMs: "task", label: "500 typed a task each, no pause" },
];

type Api = PersistencePageApi;
declare const quireBench: Api;

export async function browserLossWindow(context: BenchContext): Promise<{ table: Table; notes: string[]; data: unknown }> {
  const dir = mkdtempSync(join(tmpdir(), "bench-page-"));
  const updates = context.quick ? 1_000 : 10_000;
  const runs = context.quick ? 1 : 5;
  await build({
    entryPoints: [join(benchRoot, "src/browser/persistence-page.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    outfile: join(dir, "page.js"),
    logLevel: "silent",
  });
  writeFileSync(join(dir, "index.html"), '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>');
  const site = await serveDir(dir);
  const browser = await launchChromium();
  try {
    const browserContext = await browser.newContext();
    const page = await browserContext.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => "quireBench" in globalThis);
    const load = new Map<Impl, number[]>(IMPLS.map((i) => [i, []]));
    const lost = new Map<string, number[]>();
    let closes = 0;
    let pagehideSeen = 0;
    for (let run = 0; run < runs; run++) {
      for (const impl of run % 2 === 0 ? IMPLS : [...IMPLS].reverse()) {
        const result = await page.evaluate(([i, n, r]) => quireBench.writeAndLoad(i, `load-${i}-${r}`, n), [impl, updates, run] as const);
        if (!result.ok) throw new Error(`${impl}: Chromium load differs from what was written`);
        load.get(impl)?.push(result.loadMs);
        // Loss window: type into a tab, close it right after the last keystroke, count in a new tab.
        for (const { typed, intervalMs } of LOSS_CASES) {
          const name = `loss-${impl}-${run}-${intervalMs}`;
          const victim = await browserContext.newPage();
          await victim.goto(site.url);
          await victim.waitForFunction(() => "quireBench" in globalThis);
          await victim.evaluate(([i, n]) => quireBench.openForTyping(i, n), [impl, name] as const);
          await victim.evaluate(([n, ms]) => quireBench.type(n, ms), [typed, intervalMs] as const);
          await victim.close();
          closes++;
          if (await page.evaluate(() => quireBench.pagehideSeen())) pagehideSeen++;
          const found = await page.evaluate(([i, n]) => quireBench.count(i, n), [impl, name] as const);
          const key = `${impl}/${intervalMs}`;
          lost.set(key, [...(lost.get(key) ?? []), typed - found]);
        }
      }
    }
    await browserContext.close();
    const rows = IMPLS.map((impl) => [
      impl === "quire" ? "Quire DeviceStore" : "y-indexeddb 9.0.12",
      fmt(summarize(load.get(impl) ?? []), 1),
      ...LOSS_CASES.map(({ intervalMs }) => fmt(summarize(lost.get(`${impl}/${intervalMs}`) ?? []), 0)),
    ]);
    return {
      table: {
        caption: `Real Chromium (${runs} runs): load after ${updates.toLocaleString("en")} updates, and keystrokes lost when the tab closes right after typing`,
        columns: [
          "layer",
          `load ms after ${updates.toLocaleString("en")} updates`,
          ...LOSS_CASES.map(({ label }) => `keystrokes lost of ${label}`),
        ],
        rows,
      },
      notes: [
        "Loss window: keystrokes are typed into a doc, each its own Yjs transaction; the tab is closed (Playwright page.close) as soon as the last keystroke returns; a new tab on the same origin counts what IndexedDB kept. Keystrokes lost × the interval between them is the window of typing lost.",
        `The closing tab saw pagehide before ${pagehideSeen} of ${closes} closes (it records it in localStorage), so the layers' pagehide handlers had their chance.`,
      ],
      data: { updates, runs, load: Object.fromEntries(load), lost: Object.fromEntries(lost), closes, pagehideSeen },
    };
  } finally {
    await browser.close();
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
