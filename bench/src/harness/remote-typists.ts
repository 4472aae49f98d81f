/**
 * @module remote-typists
 * Keystroke latency in the real app while remote collaborators type: Node Yjs clients on the
 * relay editing the Lexical Yjs structure (`root-v2`) directly, each in its own paragraph,
 * while Playwright types at the end of paragraph 0 and the latency probe times each key.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RelayProcess } from "@quire/testkit";
import type { Page } from "playwright-core";
import * as Y from "yjs";
import { LATENCY_PROBE_SOURCE, READ_PROBE_SOURCE, type ProbeSample } from "../browser/latency-probe.ts";
import { SyncClient } from "../clients/SyncClient.ts";
import { PARAGRAPHS, WAIT_MS, docNameOf, relayAsServer } from "./app-editor.ts";
import { sleep, until, withTimeout } from "./clients.ts";

export const COLLABORATORS = 3;
export const COLLABORATOR_KEYS_PER_SECOND = 5;
export const KEY_DELAY_MS = 50;

/** A remote collaborator typing into one paragraph through the Lexical Yjs structure. */
export class Collaborator {
  typed = 0;
  private timer: NodeJS.Timeout | null = null;
  constructor(
    readonly client: SyncClient,
    readonly paragraph: number,
  ) {}
  /** The first text run of paragraph `index` in the @lexical/yjs v2 layout (`root-v2`). */
  private target(index = this.paragraph): Y.XmlText {
    const paragraph = this.client.doc.get("root-v2", Y.XmlElement).get(index);
    if (!(paragraph instanceof Y.XmlElement)) throw new Error("paragraph missing");
    const text = paragraph.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
    if (!text) throw new Error("paragraph has no text");
    return text;
  }
  /** First error while typing (reported by the run, never thrown from the timer). */
  error: Error | null = null;
  start(): void {
    this.timer = setInterval(() => {
      try {
        this.target().insert(this.typed, String.fromCharCode(97 + (this.typed % 26)));
        this.typed++;
      } catch (error) {
        this.error ??= error instanceof Error ? error : new Error(String(error));
        this.stop();
      }
    }, 1000 / COLLABORATOR_KEYS_PER_SECOND);
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
  /** Text of paragraph `index` as this collaborator's doc holds it. */
  textOf(index: number): string {
    const paragraph = this.client.doc.get("root-v2", Y.XmlElement).get(index);
    if (!(paragraph instanceof Y.XmlElement)) return "";
    return paragraph
      .toArray()
      .map((child) => (child instanceof Y.XmlText ? child.toString() : ""))
      .join("");
  }
}

/**
 * Opt-in (QUIRE_BENCH_EDITOR_PROFILE=<dir>): records the first keystroke phase as a V8 CPU
 * profile of the page (<dir>/editor-keys.cpuprofile) and a Chromium timeline trace with
 * style, layout and paint (<dir>/editor-keys.trace.json). Profiled runs are slower: use them
 * to see where a keystroke's frame goes, not for the figures.
 */
export async function startProfiling(page: Page): Promise<{ stop(): Promise<void> } | null> {
  const dir = process.env.QUIRE_BENCH_EDITOR_PROFILE;
  const browser = page.context().browser();
  if (!dir || profiled || !browser) return null;
  profiled = true;
  mkdirSync(dir, { recursive: true });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  // QUIRE_BENCH_EDITOR_TRACE=0: the CPU profile only (the timeline trace slows a loaded machine a lot).
  const tracing = process.env.QUIRE_BENCH_EDITOR_TRACE !== "0";
  if (tracing) await browser.startTracing(page, {
    path: join(dir, "editor-keys.trace.json"),
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "cc", "gpu", "viz"],
  });
  return {
    async stop() {
      if (tracing) await browser.stopTracing();
      const { profile } = await cdp.send("Profiler.stop");
      writeFileSync(join(dir, "editor-keys.cpuprofile"), JSON.stringify(profile));
      await cdp.detach();
    },
  };
}
let profiled = false;

/**
 * Presses `keys` keys 50 ms apart at the end of paragraph 0 while COLLABORATORS remote
 * typists type into their own paragraphs; per key, keydown → DOM and → next frame. Ends only
 * when the page shows every remote keystroke and the remote clients hold all of ours.
 */
export async function keystrokeLatency(page: Page, relay: RelayProcess, docPath: string, expected: string[], keys: number): Promise<ProbeSample[]> {
  const docName = docNameOf(docPath);
  const server = relayAsServer(relay);
  // Collaborators take paragraphs with text, away from paragraph 0 where the user types.
  const candidates = expected.map((p, i) => ({ p, i })).filter(({ p, i }) => i > 5 && p.length >= 10);
  const collaborators: Collaborator[] = [];
  for (let c = 0; c < COLLABORATORS; c++) {
    const client = new SyncClient(server, docName);
    await withTimeout(client.synced, WAIT_MS, "collaborator to sync");
    const root = client.doc.get("root-v2", Y.XmlElement);
    await until(() => root.length >= expected.length, WAIT_MS, `collaborator to hold all ${expected.length} paragraphs`, 50);
    collaborators.push(new Collaborator(client, (candidates[c * 3] as { i: number }).i));
  }
  try {
    await page.getByTestId("editor").locator("p").first().click();
    await page.keyboard.press("End");
    await page.evaluate(`(${LATENCY_PROBE_SOURCE})(0)`);
    for (const c of collaborators) c.start();
    await sleep(500);
    const profiler = await startProfiling(page);
    for (let k = 0; k < keys; k++) {
      await page.keyboard.press("x");
      await sleep(KEY_DELAY_MS);
    }
    await profiler?.stop();
    for (const c of collaborators) c.stop();
    for (const c of collaborators) if (c.error) throw new Error(`collaborator failed: ${c.error.message}`);
    // Correctness: the page shows every collaborator's keystrokes and they hold all of ours.
    const first = expected[0] ?? "";
    await until(
      async () => {
        const shown = (await page.evaluate(PARAGRAPHS)) as string[];
        return collaborators.every((c) => (shown[c.paragraph] ?? "").length === (expected[c.paragraph] ?? "").length + c.typed) && (shown[0] ?? "") === first + "x".repeat(keys);
      },
      WAIT_MS,
      "the page to show every collaborator's keystrokes",
      100,
    );
    await until(() => collaborators.every((c) => c.textOf(0) === first + "x".repeat(keys)), WAIT_MS, "collaborators to hold every keystroke of ours");
    return (await page.evaluate(READ_PROBE_SOURCE)) as ProbeSample[];
  } finally {
    for (const c of collaborators) {
      c.stop();
      await c.client.close();
    }
  }
}

