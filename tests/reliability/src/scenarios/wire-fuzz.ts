/**
 * @module wire-fuzz
 * Sends seeded hostile frames to the relay in bursts over authenticated sockets (an attacker
 * with a valid editor token is the worst case), probing after each burst with a sync step 1:
 * the socket must either answer or be closed with a Quire close code and a reason. Meanwhile
 * honest clients keep editing the same doc and another doc; they must converge, and the
 * relay's RSS must stay bounded. Finally the fuzzed doc must still load after a restart
 * (whatever the relay accepted, it can read back).
 */
import { CloseCode, MessageType } from "@quire/core";
import { createRandom, type Relay, syncStep1Frame, waitFor, WireClient } from "@quire/testkit";
import * as prng from "lib0/prng";
import { WebSocket } from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { type FrameKind, FrameFuzzer, type FuzzFrame } from "../harness/fuzz-frames.ts";
import { describeDoc, diffStates, docFromUpdates, missingFrom } from "../harness/doc-state.ts";
import { explainStoredLoss, readStoredUpdates } from "../harness/stored-docs.ts";
import { MemoryWatcher } from "../harness/proc-memory.ts";
import { randomEdit } from "../harness/random-edits.ts";
import { converge } from "./convergence.ts";

export interface FuzzOptions {
  frames: number;
  /** Frames per socket before the liveness probe. */
  burst: number;
  /** Called after fuzzing, before the restart check (e.g. to snapshot the data dir). */
  beforeRestart?: () => Promise<void>;
}

export interface FuzzRun {
  seed: number;
  framesSent: number;
  byKind: Partial<Record<FrameKind, number>>;
  closes: Record<string, number>;
  sockets: number;
  peakRssBytes: number;
  /** The fuzzed doc could not be loaded within the relay's budget after restart (F4). */
  slowLoadF4: boolean;
}

/**
 * FINDINGS.md F4 (fixed in aa09fa3): formatting-heavy updates made the fuzzed doc exceed the
 * relay's load budget (4500 "took too long"). Set to true to check durability on the stored
 * rows instead if a slow load ever needs to be tolerated again; the run reports `slowLoadF4`.
 */
const TOLERATE_F4_SLOW_LOAD = false;
const QUIRE_CODES = new Set<number>(Object.values(CloseCode));

export async function runWireFuzz(relay: Relay, seed: number, options: FuzzOptions): Promise<FuzzRun> {
  const rng = createRandom(seed);
  const target = `fuzz-${seed}/target`;
  const other = `fuzz-${seed}/other`;
  const targetToken = relay.token({ doc: target, role: "editor", name: "honest" });
  const otherToken = relay.token({ doc: other, role: "editor", name: "honest" });
  const honest = [
    new WireClient({ syncUrl: relay.syncUrl, docName: target, token: targetToken }),
    new WireClient({ syncUrl: relay.syncUrl, docName: target, token: targetToken }),
    new WireClient({ syncUrl: relay.syncUrl, docName: other, token: otherToken }),
    new WireClient({ syncUrl: relay.syncUrl, docName: other, token: otherToken }),
  ];
  const run: FuzzRun = { seed, framesSent: 0, byKind: {}, closes: {}, sockets: 0, peakRssBytes: 0, slowLoadF4: false };
  const memory = new MemoryWatcher(relay.pid as number);
  try {
    await Promise.all(honest.map((c) => c.connect()));
    await Promise.all(honest.map((c) => c.waitSynced()));
    (honest[0] as WireClient).sendAwareness({ user: { name: "victim" } });
    const fuzzer = new FrameFuzzer(rng, (honest[0] as WireClient).doc.clientID);
    let editNo = 0;
    while (run.framesSent < options.frames) {
      const burst: FuzzFrame[] = [];
      for (let i = 0; i < options.burst; i++) burst.push(fuzzer.next());
      const outcome = await fuzzSocket(`${relay.syncUrl}/${target}?token=${encodeURIComponent(targetToken)}`, burst);
      run.sockets++;
      run.framesSent += outcome.delivered;
      for (const frame of burst.slice(0, outcome.delivered)) run.byKind[frame.kind] = (run.byKind[frame.kind] ?? 0) + 1;
      if (outcome.close) {
        const { code, reason } = outcome.close;
        const labels = burst.slice(0, outcome.delivered).map((f) => f.label).join(" | ");
        if (!QUIRE_CODES.has(code) || reason.length === 0) {
          throw new Error(`hostile socket closed with ${code} ${JSON.stringify(reason)} (want a Quire close code and a reason) after: ${labels}\n${relay.output.slice(-2000)}`);
        }
        run.closes[String(code)] = (run.closes[String(code)] ?? 0) + 1;
      }
      // Honest traffic continues throughout.
      const writer = prng.oneOf(rng, honest);
      if (writer.online) randomEdit(writer.doc, rng, `h${editNo++}`);
      for (const c of honest) {
        if (!c.online) {
          await waitFor(() => c.closes.length > 0, 5_000, "close event").catch(() => undefined);
          await waitFor(() => c.closes.length > 0, 5_000, "close event").catch(() => undefined);
          const last = burst.slice(0, outcome.delivered).map((f) => f.label).join(" | ");
          throw new Error(
            `an honest client was disconnected during fuzzing: ${JSON.stringify(c.closes.at(-1))} (frames so far ${run.framesSent}; last burst: ${last})\n${relay.output.slice(-3000)}`,
          );
        }
      }
    }
    await converge(relay, honest.slice(0, 2));
    await converge(relay, honest.slice(2));
    run.peakRssBytes = memory.stop();
    for (const c of honest) await c.disconnect();
    await options.beforeRestart?.();
    await relay.restart();
    // Everything the honest clients hold must have survived the restart, on both docs
    // (F3 lost honest edits of the fuzzed doc here).
    await checkSurvived(relay, other, otherToken, honest.slice(2));
    const reader = new WireClient({ syncUrl: relay.syncUrl, docName: target, token: targetToken });
    try {
      await reader.connect();
      let source = reader.doc;
      try {
        await reader.waitSynced();
      } catch (error) {
        const close = reader.closes.at(-1);
        if (!(TOLERATE_F4_SLOW_LOAD && close?.code === CloseCode.DocUnavailable && /too long/.test(close.reason))) throw error;
        // F4: the fuzzed doc is too slow to load within the relay's budget. Check durability
        // on the rows themselves (applied one by one, as the relay rebuilds a doc).
        run.slowLoadF4 = true;
        await relay.kill("SIGTERM");
        source = docFromUpdates(readStoredUpdates(relay.dataDir, target));
        await relay.restart();
      }
      for (const [i, c] of honest.slice(0, 2).entries()) {
        const missing = missingFrom(source, c.doc);
        if (missing.length > 0) {
          const diff = diffStates(describeDoc(c.doc), describeDoc(source));
          await relay.kill("SIGTERM");
          const explained = explainStoredLoss(relay.dataDir, target, c.doc);
          throw new Error(`after restart the fuzzed doc lacks what honest client ${i} (id ${c.doc.clientID}) holds: ${missing.join("; ")}\n${explained}\n${diff?.slice(0, 300)}`);
        }
      }
    } finally {
      await reader.disconnect();
      reader.destroy();
    }
    return run;
  } finally {
    memory.stop();
    for (const c of honest) c.destroy();
  }
}

interface SocketOutcome {
  delivered: number;
  close: { code: number; reason: string } | null;
}

/** Sends `frames` then a sync step 1; resolves when the relay answers it or closes the socket. */
function fuzzSocket(url: string, frames: FuzzFrame[], timeoutMs = 20_000): Promise<SocketOutcome> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    let delivered = 0;
    let probed = false;
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`relay neither answered nor closed within ${timeoutMs} ms after: ${frames.map((f) => f.label).join(" | ")}`));
    }, timeoutMs);
    socket.on("open", () => {
      for (const frame of frames) {
        if (socket.readyState !== WebSocket.OPEN) break;
        socket.send(frame.data);
        delivered++;
      }
      if (socket.readyState !== WebSocket.OPEN) return;
      probed = true;
      socket.send(syncStep1Frame(new Y.Doc()));
    });
    socket.on("message", (data: Buffer) => {
      // Step 2 answering the probe: the relay processed the burst and is still serving.
      if (probed && data[0] === MessageType.Sync && data[1] === syncProtocol.messageYjsSyncStep2) {
        clearTimeout(timer);
        socket.removeAllListeners("close");
        socket.on("close", () => undefined);
        socket.close(1000, "probe answered");
        resolve({ delivered, close: null });
      }
    });
    socket.on("close", (code, reason) => {
      clearTimeout(timer);
      resolve({ delivered, close: { code, reason: reason.toString() } });
    });
    socket.on("error", () => undefined);
  });
}

/** A fresh client of `docName` after a restart holds everything `clients` held. */
async function checkSurvived(relay: Relay, docName: string, token: string, clients: WireClient[]): Promise<void> {
  const reader = new WireClient({ syncUrl: relay.syncUrl, docName, token });
  try {
    await reader.connect();
    await reader.waitSynced();
    for (const c of clients) {
      const missing = missingFrom(reader.doc, c.doc);
      if (missing.length > 0) throw new Error(`after restart ${docName} lacks edits an honest client held: ${missing.join("; ")}`);
    }
  } finally {
    await reader.disconnect();
    reader.destroy();
  }
}
