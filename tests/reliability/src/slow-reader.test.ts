/**
 * Finding S3 (FINDINGS.md, security review issue 9 finding 3): a viewer socket that stops
 * reading and keeps asking — sync step 1 with an empty state vector for a 6 MiB doc, or
 * query-awareness over large presence states — made the relay buffer every reply for it
 * without limit (567 → 1,216 MB from 600 bytes of requests). The relay must cap what it holds
 * for one socket, answer a repeated request whose reply has not left yet only once, and close
 * a socket that will not read with 4531 (transient: an honest slow client reconnects).
 *
 * The relay's resident memory is read from /proc, like an operator's monitoring would.
 */
import { CloseCode, MessageType } from "@quire/core";
import { awarenessFrame as rawAwarenessFrame, type Relay, RelayProcess, syncStep1Frame, useRelay, waitFor, WireClient } from "@quire/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { MemoryWatcher, MiB, sampleMemory } from "./harness/proc-memory.ts";
import { sleep } from "./scenarios/convergence.ts";

const DOC = "slow-reader/doc";
const DOC_BYTES = 6 * MiB;
/** Far below the 650 MB the unbounded relay grew by; well above a capped relay's working set. */
const MAX_GROWTH_BYTES = 200 * MiB;

const relay = useRelay();
/**
 * Stays connected for the whole file, so the doc stays loaded: S3 is about a loaded doc's
 * replies piling up. A doc that unloaded between tests (UNLOAD_DELAY_MS after the previous
 * test's viewer went) reloads while the flood arrives, and the relay rightly closes with 4400
 * (too many messages before the document was ready) instead.
 */
let keeper: WireClient | null = null;
afterAll(() => keeper?.destroy());
beforeAll(async () => {
  // A 6 MiB doc, written in two 3 MiB updates (each under the 8 MiB update limit).
  const writer = new WireClient({ syncUrl: relay.syncUrl, docName: DOC, token: relay.token({ doc: DOC, role: "editor" }) });
  await writer.connect();
  await writer.waitSynced();
  const text = writer.doc.get("root", Y.XmlText);
  for (let i = 0; i < 2; i++) text.insert(text.length, "x".repeat(DOC_BYTES / 2));
  const reader = new WireClient({ syncUrl: relay.syncUrl, docName: DOC, token: relay.token({ doc: DOC, role: "viewer" }) });
  await reader.connect();
  await waitFor(() => reader.doc.get("root", Y.XmlText).length === DOC_BYTES, 120_000, "6 MiB doc stored");
  keeper = reader;
  writer.destroy();
}, 180_000);

function awarenessFrame(client: number, state: unknown): Uint8Array {
  return rawAwarenessFrame([{ client, clock: 1, state: JSON.stringify(state) }]);
}

/** A sync step 1 that differs for each `i` (a made-up client at clock 0) and asks for everything. */
function wholeDocRequest(i: number): Uint8Array {
  return syncStep1Frame(Y.encodeStateVector(new Map([[1_000_000 + i, 0]])));
}

/**
 * A viewer socket whose TCP reads stop once the relay serves it (its first message, the
 * relay's sync step 1): a dead or hostile peer. Waiting for that message, not just the
 * upgrade, makes the flood meet a served socket: 150 frames sent while the relay still sets
 * the socket up are rightly closed 4400 (too many before the document was ready) instead.
 */
async function stalledViewer(on: Relay = relay): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }>; resume(): void }> {
  const ws = new WebSocket(`${on.syncUrl}/${DOC}?token=${on.token({ doc: DOC, role: "viewer" })}`);
  ws.on("error", () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("message", () => resolve());
    ws.once("close", () => reject(new Error("closed before the relay served it")));
  });
  const tcp = (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  tcp.pause();
  return { ws, closed, resume: () => tcp.resume() };
}

describe("a socket that stops reading (S3)", () => {
  it("150 identical empty sync step 1 requests for a 6 MiB doc are answered once", async () => {
    const pid = relay.pid as number;
    await sleep(1_000);
    const before = sampleMemory(pid).rssBytes;
    const watcher = new MemoryWatcher(pid, 50);
    const viewer = await stalledViewer();
    const request = syncStep1Frame(Y.encodeStateVector(new Y.Doc()));
    for (let i = 0; i < 150; i++) viewer.ws.send(request);
    await sleep(8_000);
    const peak = watcher.stop();
    console.log(`S3 identical step-1 flood: relay RSS ${(before / MiB).toFixed(0)} → peak ${(peak / MiB).toFixed(0)} MiB`);
    viewer.ws.terminate();
    expect(peak - before).toBeLessThan(MAX_GROWTH_BYTES);
  }, 120_000);

  it("150 distinct sync step 1 requests (each asking for the whole 6 MiB doc): memory stays bounded, closed 4531", async () => {
    const pid = relay.pid as number;
    await sleep(1_000);
    const before = sampleMemory(pid).rssBytes;
    const watcher = new MemoryWatcher(pid, 50);
    const viewer = await stalledViewer();
    for (let i = 0; i < 150; i++) viewer.ws.send(wholeDocRequest(i));
    // Give the relay time to answer what it is going to answer, then read: the close frame
    // waits behind at most the capped buffer (the relay cuts the socket 5 s after closing it).
    await sleep(2_000);
    viewer.resume();
    const close = await Promise.race([viewer.closed, sleep(30_000).then(() => null)]);
    await sleep(2_000);
    const peak = watcher.stop();
    console.log(
      `S3 distinct step-1 flood: relay RSS ${(before / MiB).toFixed(0)} → peak ${(peak / MiB).toFixed(0)} MiB (growth ${((peak - before) / MiB).toFixed(0)} MiB); close ${JSON.stringify(close)}`,
    );
    viewer.ws.terminate();
    expect(peak - before).toBeLessThan(MAX_GROWTH_BYTES);
    // Terminated after the close handshake timed out (1006) or closed with the code, never kept.
    expect(close).not.toBeNull();
    if (close?.code !== 1006) expect(close?.code).toBe(CloseCode.SendBufferFull);
  }, 120_000);

  it("40 query-awareness requests over ~5 MiB of presence: answered once, memory bounded", async () => {
    // 20 sockets × 4 presence ids (the per-socket limit) × 60 KiB states.
    const publishers: WebSocket[] = [];
    const pad = "p".repeat(60 * 1024);
    for (let s = 0; s < 20; s++) {
      const ws = new WebSocket(`${relay.syncUrl}/${DOC}?token=${relay.token({ doc: DOC, role: "viewer" })}`);
      ws.on("error", () => {});
      await new Promise<void>((resolve) => ws.once("open", () => resolve()));
      for (let i = 0; i < 4; i++) ws.send(awarenessFrame(70_000 + s * 4 + i, { pad }));
      publishers.push(ws);
    }
    const pid = relay.pid as number;
    await sleep(2_000);
    const before = sampleMemory(pid).rssBytes;
    const watcher = new MemoryWatcher(pid, 50);
    const viewer = await stalledViewer();
    for (let i = 0; i < 40; i++) viewer.ws.send(new Uint8Array([MessageType.QueryAwareness]));
    await sleep(5_000);
    const peak = watcher.stop();
    console.log(`S3 query-awareness flood: relay RSS ${(before / MiB).toFixed(0)} → peak ${(peak / MiB).toFixed(0)} MiB`);
    viewer.ws.terminate();
    for (const ws of publishers) ws.terminate();
    expect(peak - before).toBeLessThan(MAX_GROWTH_BYTES);
  }, 120_000);

  it("a doc larger than the cap reaches a slow reader while others keep typing", async () => {
    // A relay whose cap (1 MiB) is far below the doc's size (16 MiB).
    const small = await RelayProcess.start({ env: { MAX_SEND_BUFFER_BYTES: String(1024 * 1024) } });
    const writer = new WireClient({
      syncUrl: small.syncUrl,
      docName: DOC,
      token: small.token({ doc: DOC, role: "editor" }),
      subscribeAcks: true,
    });
    try {
      await writer.connect();
      await writer.waitSynced();
      const text = writer.doc.get("root", Y.XmlText);
      // Well past what the loopback socket's kernel buffers absorb (a few MiB).
      for (let i = 0; i < 4; i++) text.insert(text.length, "y".repeat(4 * MiB));
      await waitFor(() => (writer.acked.get(writer.doc.clientID) ?? 0) >= 16 * MiB, 240_000, "16 MiB doc stored");
      const slow = await stalledViewer(small);
      slow.ws.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
      // Its sync step 2 (16 MiB) waits unread while a classmate types 40 keystrokes.
      await sleep(500);
      for (let i = 0; i < 40; i++) {
        text.insert(text.length, "k");
        await sleep(10);
      }
      await sleep(500);
      slow.resume();
      await sleep(2_000);
      expect(slow.ws.readyState).toBe(WebSocket.OPEN);
      slow.ws.terminate();
    } finally {
      writer.destroy();
      await small.stop({ removeData: true });
    }
  }, 300_000);

  it("an honest reader of the same doc is served while the stalled socket is cut", async () => {
    const viewer = await stalledViewer();
    for (let i = 0; i < 20; i++) viewer.ws.send(wholeDocRequest(i));
    const honest = new WireClient({ syncUrl: relay.syncUrl, docName: DOC, token: relay.token({ doc: DOC, role: "viewer" }) });
    try {
      await honest.connect();
      await waitFor(() => honest.doc.get("root", Y.XmlText).length === DOC_BYTES, 60_000, "honest reader gets the doc");
      viewer.resume();
      const close = await Promise.race([viewer.closed, sleep(30_000).then(() => null)]);
      expect(close).not.toBeNull();
      if (close?.code !== 1006) expect(close?.code).toBe(CloseCode.SendBufferFull);
      expect(honest.closes).toEqual([]);
    } finally {
      honest.destroy();
      viewer.ws.terminate();
    }
  }, 120_000);
});
