/**
 * @module reconnect-bytes
 * Benchmark (issue 17 item 4): bytes on the wire when a class workspace reconnects after its
 * link dropped. The real web app in Chromium holds a workspace of 10 documents (all on the
 * device, background sync replicating them); a counting TCP proxy (harness/CountingProxy.ts)
 * sits between Chromium and the relay, cuts the link, and counts every byte both ways once
 * it is restored — HTTP upgrades and websocket framing included. Websocket payload bytes are
 * Chromium's own (CDP webSocketFrameSent/Received). The missing update is what the relay
 * lacked: Y.encodeStateAsUpdate of its doc after the reconnect against its state vector
 * before, read by a Node client connected straight to the relay (not through the proxy).
 * Goal: wire bytes ≤ 2,000 + 1.5 × missing. Also an idle reconnect (nothing typed).
 */
import { launchChromium, RelayProcess } from "@quire/testkit";
import type { CDPSession, Page } from "playwright-core";
import * as Y from "yjs";
import { SyncClient } from "../clients/SyncClient.ts";
import { WAIT_MS, WEB_DIST, appMissing, docNameOf, relayAsServer } from "../harness/app-editor.ts";
import { sleep, until } from "../harness/clients.ts";
import { CountingProxy, type ProxyCounts } from "../harness/CountingProxy.ts";
import { frameKind } from "../harness/frame-kinds.ts";
import { loadavg } from "node:os";
import type { Benchmark, Table } from "../harness/result.ts";

const DOCUMENTS = 10;
const TYPED = 200;
const GOAL_FIXED = 2_000;
const GOAL_FACTOR = 1.5;
/**
 * The count ends once the open doc shows "saved" and no byte crossed the link for this long:
 * background sync re-walks the workspace after a reconnect, with no event the page exposes
 * for "all documents done"; its retry base (WEB_LIMITS.backgroundRetryBaseMs) is 2 s.
 */
const QUIET_MS = 3_000;
/** WorkspaceIndex's TOUCH_INTERVAL_MS (10 s) + WorkspaceSession's 2 s margin, and a little. */
const SETTLE_MS = 13_000;

interface Measure {
  label: string;
  counts: ProxyCounts;
  payloadBytes: number;
  frames: number;
  /** Payload bytes and frames by what they are ("sent sync step 1", "received quire ack", …). */
  kinds: Record<string, { frames: number; bytes: number }>;
  missingBytes: number;
}

export const reconnectBytes: Benchmark = {
  id: "reconnect-bytes",
  title: "Bytes after a reconnect (10-document class workspace, Chromium)",
  async run({ quick, log }) {
    const missing = appMissing();
    if (missing) return { status: missing, method: "", tables: [], notes: [], data: {} };
    const documents = quick ? 2 : DOCUMENTS;
    const typed = quick ? 40 : TYPED;
    const results: Measure[] = [];
    // Relay configurations compared in one run: the default (/mux without compression) and
    // permessage-deflate on it (MUX_DEFLATE_WINDOW_BITS=10). --quick measures the default only.
    const configs: [string, Record<string, string>][] = quick ? [["", {}]] : [["", {}], ["permessage-deflate", { MUX_DEFLATE_WINDOW_BITS: "10" }]];
    for (const [config, env] of configs) {
      for (const measure of await measureRelay(env, documents, typed, quick, log)) {
        results.push({ ...measure, label: config ? `${measure.label}, ${config}` : measure.label });
      }
    }
    return report(results, documents, typed, quick);
  },
};

/**
 * One relay (with `env`) and one browser: the workspace, then an idle and a typed reconnect.
 * `quick` (CI's harness check) skips the settle wait and its uncounted reconnect: they make the
 * full run's figures those of a class that has been working a while, and cost 13 s + a reconnect;
 * the quick run still counts both reconnects end to end and checks the relay got the typed text.
 */
async function measureRelay(env: Record<string, string>, documents: number, typed: number, quick: boolean, log: (message: string) => void): Promise<Measure[]> {
    const relay = await RelayProcess.start({ env: { ...env, STATIC_DIR: WEB_DIST } });
    const proxy = await CountingProxy.start(Number(new URL(relay.httpUrl).port));
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ baseURL: `http://127.0.0.1:${proxy.port}` });
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT_MS);
      const frames = await countFrames(page);
      const docPaths = await createWorkspace(page, documents);
      log(`workspace with ${documents} documents created; open: ${docPaths[0]}`);
      await page.goto(docPaths[0] as string);
      await savedAndQuiet(page, proxy);
      // The steady state of a class that has been working a while: every doc was last synced
      // longer than a "last edited" touch interval after its last edit (WorkspaceIndex
      // TOUCH_INTERVAL_MS + margin), which is what lets a reconnect skip docs that cannot
      // have changed. One uncounted reconnect after that wait gets there.
      if (!quick) {
        await sleep(SETTLE_MS);
        proxy.drop();
        await page.locator('[data-testid="save-state"]:not([data-relay="saved"])').waitFor();
        proxy.restore();
        await savedAndQuiet(page, proxy);
      }
      const docName = docNameOf(docPaths[0] as string);
      const results: Measure[] = [];
      for (const mode of ["idle", "typed"] as const) {
        proxy.drop();
        await page.locator('[data-testid="save-state"]:not([data-relay="saved"])').waitFor();
        const before = await relayState(relay, docName);
        if (mode === "typed") {
          await page.getByTestId("editor").click();
          await page.keyboard.press("Control+End");
          await page.keyboard.type(sentence(typed));
          await page.locator('[data-testid="save-state"][data-device="saved"]').waitFor();
        }
        frames.reset();
        proxy.reset();
        proxy.restore();
        await savedAndQuiet(page, proxy);
        const after = await relayState(relay, docName);
        const missingBytes = mode === "typed" ? Y.encodeStateAsUpdate(after, Y.encodeStateVector(before)).byteLength : 0;
        if (mode === "typed" && !after.getXmlElement("root-v2").toString().includes(sentence(typed).slice(-20))) {
          throw new Error("the relay does not hold the typed text after the reconnect");
        }
        const counts = proxy.reset();
        results.push({ label: mode === "idle" ? "idle reconnect (nothing typed)" : `${typed} characters typed offline`, counts, ...frames.reset(), missingBytes });
        log(`${mode}: ${counts.websocketBytes} websocket wire bytes over ${counts.websockets} sockets, missing ${missingBytes}`);
      }
      await context.close();
      return results;
    } finally {
      await browser.close();
      await proxy.close();
      await relay.stop({ removeData: true });
    }
}

function report(results: Measure[], documents: number, typed: number, quick: boolean) {
  const rows = results.map((r) => {
    const goal = GOAL_FIXED + GOAL_FACTOR * r.missingBytes;
    return [
      r.label,
      String(r.counts.websockets),
      String(r.counts.upgradeBytes),
      String(r.counts.websocketBytes),
      `${r.payloadBytes} (${r.frames} frames)`,
      String(r.counts.httpBytes),
      r.missingBytes > 0 ? String(r.missingBytes) : "—",
      r.missingBytes > 0 ? `${(r.counts.websocketBytes / r.missingBytes).toFixed(1)}×` : "—",
      `${goal} ${r.counts.websocketBytes <= goal ? "**met**" : "**missed**"}`,
    ];
  });
  const table: Table = {
    caption: `Reconnect of a ${documents}-document workspace (load average ${loadavg().map((l) => l.toFixed(1)).join(" ")})`,
    columns: ["case", "websockets opened", "upgrade bytes", "websocket wire bytes (both ways)", "websocket payload bytes", "other HTTP bytes", "missing update bytes", "wire / missing", "goal ≤ 2,000 + 1.5 × missing"],
    rows,
  };
  const kinds = [...new Set(results.flatMap((r) => Object.keys(r.kinds)))].sort();
  const breakdown: Table = {
    caption: "Websocket payload by message kind (frames / bytes), both directions",
    columns: ["kind", ...results.map((r) => r.label)],
    rows: kinds.map((kind) => [kind, ...results.map((r) => (r.kinds[kind] ? `${r.kinds[kind].frames} / ${r.kinds[kind].bytes}` : "—"))]),
  };
  return {
    status: "ok",
    method:
      `The built app in Chromium, signed into a workspace of ${documents} documents it created (all on the device), the editor open on the first; ` +
      `${SETTLE_MS / 1000} s after the last edit one uncounted reconnect (a class that has been working a while). ` +
      "A counting TCP proxy between Chromium and the relay drops the link (every open connection destroyed, new ones refused), " +
      `${typed} characters are typed in the open document, the link is restored, and bytes are counted from then until the document shows "saved" and ` +
      `no byte crossed for ${QUIET_MS / 1000} s (background sync re-walks the workspace). Payload bytes and frames are Chromium's (CDP). ` +
      `The missing update is the relay's state after minus before, read by a Node client straight on the relay. ` +
      `Payload bytes are before permessage-deflate; wire bytes after it.${quick ? " Quick variant: 2 documents, 40 characters, the default only, no settle wait and no uncounted reconnect before the counted ones." : " The relay runs twice: the default, then with permessage-deflate on /mux (MUX_DEFLATE_WINDOW_BITS=10)."}`,
    tables: [table, breakdown],
    notes: results.filter((r) => r.counts.httpRequests.length > 0).map((r) => `${r.label}: other HTTP requests: ${r.counts.httpRequests.join(", ")}.`),
    data: { results },
  };
}

type FrameCounts = Pick<Measure, "payloadBytes" | "frames" | "kinds">;

/** Websocket payload bytes and frames both ways, as Chromium reports them, by kind. */
async function countFrames(page: Page): Promise<{ reset(): FrameCounts }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const muxSockets = new Set<string>();
  let counts: FrameCounts = { payloadBytes: 0, frames: 0, kinds: {} };
  cdp.on("Network.webSocketCreated", (event: { requestId: string; url: string }) => {
    if (new URL(event.url).pathname === "/mux") muxSockets.add(event.requestId);
  });
  const add = (direction: string) => (event: { requestId: string; response: { opcode: number; payloadData: string } }) => {
    // Binary frames come base64-encoded (opcode 2), text as is.
    const payload = event.response.opcode === 2 ? Buffer.from(event.response.payloadData, "base64") : Buffer.from(event.response.payloadData);
    counts.frames++;
    counts.payloadBytes += payload.byteLength;
    const kind = `${direction} ${frameKind(payload, muxSockets.has(event.requestId))}`;
    const entry = counts.kinds[kind] ?? { frames: 0, bytes: 0 };
    counts.kinds[kind] = entry;
    entry.frames++;
    entry.bytes += payload.byteLength;
  };
  cdp.on("Network.webSocketFrameSent", add("sent"));
  cdp.on("Network.webSocketFrameReceived", add("received"));
  return {
    reset() {
      const out = counts;
      counts = { payloadBytes: 0, frames: 0, kinds: {} };
      return out;
    },
  };
}

/** A workspace started in the app with `count` documents, each with a line of text and saved. */
async function createWorkspace(page: Page, count: number): Promise<string[]> {
  await page.goto("/");
  await page.getByRole("tab", { name: "Start a new workspace" }).click();
  await page.getByLabel("Workspace name").fill("Class 5B");
  await page.getByLabel("Your name").fill("Teacher");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL(/\/w\/w[a-z0-9]{10}$/);
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.getByRole("button", { name: "+ New document" }).click();
    await page.waitForURL((url) => /\/w\/w[a-z0-9]{10}\/d[a-z0-9]{10}$/.test(url.pathname) && !paths.includes(url.pathname));
    await page.getByTestId("editor").click();
    await page.keyboard.type(`Document ${i + 1}: notes on volcanoes.`);
    await page.locator('[data-testid="save-state"][data-relay="saved"]').waitFor();
    paths.push(new URL(page.url()).pathname);
  }
  return paths;
}

/** The open doc shows "saved" and no byte crossed the proxy for QUIET_MS. */
async function savedAndQuiet(page: Page, proxy: CountingProxy): Promise<void> {
  await page.locator('[data-testid="save-state"][data-relay="saved"]').waitFor();
  let last = -1;
  let since = Date.now();
  await until(
    () => {
      const total = proxy.counts.websocketBytes + proxy.counts.httpBytes;
      if (total !== last) {
        last = total;
        since = Date.now();
      }
      return Date.now() - since >= QUIET_MS;
    },
    WAIT_MS,
    "the link to go quiet after the reconnect",
    100,
  );
}

/** The relay's copy of `docName`, read by a Node client connected straight to it. */
async function relayState(relay: RelayProcess, docName: string): Promise<Y.Doc> {
  const client = new SyncClient(relayAsServer(relay), docName);
  try {
    await client.synced;
    await sleep(0);
    const copy = new Y.Doc({ gc: false });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
    return copy;
  } finally {
    await client.close();
  }
}

function sentence(length: number): string {
  const words = "the lava cooled into black rock along the shore of the island while we watched ";
  return words.repeat(Math.ceil(length / words.length)).slice(0, length);
}
