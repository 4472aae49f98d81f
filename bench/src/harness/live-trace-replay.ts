/**
 * @module live-trace-replay
 * Replays a trace into a running Quire relay as live edits by several users: each user is a
 * SyncClient with its own token (`sub`, name) and its own Yjs doc shaped as the editor writes
 * it (`root-v2` → paragraph → XmlText, @lexical/yjs v2); users take turns in bursts, each
 * burst typed by one user into their own copy after the previous burst reached it through the
 * relay. So the relay sees what a class sees: one update per edit, from the socket of the
 * user who made it, and stamps its provenance (sender, relay time, ranges) as it does live.
 *
 * The clients run in the bench process, not in generator processes: turns need the next
 * writer to have received the previous burst, which is one `until` here and a protocol
 * round trip per burst there; the relay, the thing measured afterwards, is its own process.
 */
import * as Y from "yjs";
import type { RelayProcess } from "@quire/testkit";
import { SyncClient } from "../clients/SyncClient.ts";
import { sleep, until, withTimeout } from "./clients.ts";
import type { ServerEndpoint } from "./ServerUnderTest.ts";
import type { Op } from "./traces.ts";

export interface ReplayUser {
  sub: string;
  name: string;
}

export interface LiveReplayOptions {
  users: readonly ReplayUser[];
  /** Edits per turn (B4 replayed as 400-edit turns: a few minutes of one student's typing). */
  burst: number;
  /** Every this many bursts, pause `pauseMs` (lets the relay's idle checkpoint fire). */
  pauseEvery: number;
  pauseMs: number;
  /** Bytes a socket may have unsent before the writer waits (keeps the relay's send buffers sane). */
  maxBufferedBytes?: number;
}

export interface LiveReplayResult {
  updates: number;
  seconds: number;
  text: string;
  /** Yjs client id of each user's doc, in `users` order. */
  clientIds: number[];
}

function endpointFor(relay: RelayProcess, user: ReplayUser): ServerEndpoint {
  return {
    kind: "quire",
    framing: "y-websocket",
    urlFor: (doc) => `${relay.syncUrl}/${doc}`,
    tokenFor: (doc) => relay.token({ doc, role: "editor", sub: user.sub, name: user.name, ttlSeconds: 24 * 3600 }),
  };
}

function editorText(doc: Y.Doc): Y.XmlText | null {
  const paragraph = doc.get("root-v2", Y.XmlElement).get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  return text instanceof Y.XmlText ? text : null;
}

function covers(have: Y.Doc, want: Y.Doc): boolean {
  const sv = Y.decodeStateVector(Y.encodeStateVector(have));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(want))) if ((sv.get(client) ?? 0) < clock) return false;
  return true;
}

/** Replays `ops` into doc `docName` of `relay`; resolves once every user holds the same text. */
export async function replayLive(relay: RelayProcess, docName: string, ops: readonly Op[], options: LiveReplayOptions): Promise<LiveReplayResult> {
  const maxBuffered = options.maxBufferedBytes ?? 1024 * 1024;
  const clients = options.users.map((u) => new SyncClient(endpointFor(relay, u), docName, { acks: true }));
  try {
    await withTimeout(Promise.all(clients.map((c) => c.synced)), 30_000, "replay clients to sync");
    const first = clients[0] as SyncClient;
    first.doc.transact(() => {
      const paragraph = new Y.XmlElement("paragraph");
      first.doc.get("root-v2", Y.XmlElement).insert(0, [paragraph]);
      paragraph.insert(0, [new Y.XmlText()]);
    });
    const t0 = performance.now();
    let updates = 0;
    let previous: SyncClient = first;
    for (let start = 0, turn = 0; start < ops.length; start += options.burst, turn++) {
      const writer = clients[turn % clients.length] as SyncClient;
      // A state vector shows inserts only: a burst ending in deletes has reached the next
      // writer once its text also has the same length (all inserts there, so no delete missing).
      await until(() => covers(writer.doc, previous.doc) && editorText(writer.doc)?.length === editorText(previous.doc)?.length, 60_000, `turn ${turn}: the previous burst to reach the next writer`, 1);
      const text = editorText(writer.doc);
      if (!text) throw new Error("replay: the editor's text node did not reach the writer");
      for (let i = start; i < Math.min(start + options.burst, ops.length); i++) {
        const op = ops[i] as Op;
        writer.doc.transact(() => {
          if (op.del > 0) text.delete(op.pos, op.del);
          if (op.ins) text.insert(op.pos, op.ins);
        });
        updates++;
        if (writer.bufferedAmount > maxBuffered) await until(() => writer.bufferedAmount < maxBuffered / 2, 60_000, "the relay to drain a writer's socket", 1);
      }
      previous = writer;
      if ((turn + 1) % options.pauseEvery === 0) {
        await writer.barrier();
        await sleep(options.pauseMs);
      }
    }
    await previous.barrier();
    await until(() => clients.every((c) => covers(c.doc, previous.doc)), 60_000, "every user to hold the whole doc", 5);
    const seconds = (performance.now() - t0) / 1000;
    const texts = clients.map((c) => editorText(c.doc)?.toString() ?? "");
    if (new Set(texts).size !== 1) throw new Error("replay: the users' docs differ after the replay");
    return { updates, seconds, text: texts[0] as string, clientIds: clients.map((c) => c.doc.clientID) };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    for (const c of clients) c.doc.destroy();
  }
}
