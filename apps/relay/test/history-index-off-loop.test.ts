/**
 * Building a long doc's history index must not stall the relay (issue 12): a teacher opening
 * history on a long report made the relay index it on its event loop (B4: 0.3–0.6 s), and
 * every socket of that relay waited. Here a relay holds a doc with a long history (written
 * into its data dir before it starts); while a teacher's first contributions request builds
 * that doc's index, another doc's socket keeps asking (sync step 1 → step 2) and every answer
 * must come back in a small fraction of the build's time.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterAll, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { ClockRange } from "@quire/core";
import { ClientIdStore, DocumentStore, openDatabase } from "@quire/storage-sqlite";
import { RelayProcess, connectStockClient, mulberry32, waitSynced } from "@quire/testkit";
import { historyCall } from "./history-client.ts";

const WS = "w0000000131";
const BIG = `${WS}/d0000000001`;
const OTHER = `${WS}/d0000000002`;
const SEED = Number(process.env.SEED ?? 131);
/** Edits in the long doc: its index takes hundreds of ms to build even on an idle box. */
const EDITS = 100_000;
const BATCHES = 200;

function ranges(set: Map<number, { clock: number; len: number }[]>): ClockRange[] {
  return [...set].flatMap(([client, items]) => items.map((d) => ({ client, clock: d.clock, len: d.len })));
}

/** Writes a long two-author doc with its provenance into `dataDir`, as the relay would have. */
async function writeLongDoc(dataDir: string): Promise<void> {
  const db = openDatabase(dataDir);
  const store = new DocumentStore(db);
  const clientIds = new ClientIdStore(db);
  const users = [
    { client: 7, userId: "u_ann", name: "Ann" },
    { client: 8, userId: "u_ben", name: "Ben" },
  ];
  for (const u of users) clientIds.bind(BIG, u.client, u.userId);
  const doc = new Y.Doc({ gc: false });
  const text = doc.getText("t");
  const next = mulberry32(SEED);
  const start = Date.UTC(2026, 10, 1);
  let cursor = 0;
  for (let b = 0; b < BATCHES; b++) {
    const user = users[b % 2] as (typeof users)[number];
    doc.clientID = user.client;
    const before = Y.encodeStateVector(doc);
    const clock = Y.getState(doc.store, user.client);
    const deletes: ClockRange[] = [];
    for (let i = 0; i < EDITS / BATCHES; i++) {
      // One transaction per edit: an item each, as typing makes.
      // Typing at a cursor that now and then jumps elsewhere; a backspace every few keys.
      if (next() < 0.02) cursor = Math.floor(next() * (text.length + 1));
      doc.transact((tr) => {
        if (cursor > 0 && next() < 0.15) text.delete(--cursor, 1);
        else text.insert(cursor++, "abcdefgh".charAt(Math.floor(next() * 8)));
        deletes.push(...ranges(tr.deleteSet.clients));
      });
    }
    const update = Y.encodeStateAsUpdate(doc, before);
    const inserts = [{ client: user.client, clock, len: Y.getState(doc.store, user.client) - clock }];
    // Twenty minutes apart: each batch is a record (and a session) of its own.
    const at = start + b * 20 * 60_000;
    await new Promise<void>((resolve, reject) => store.stage(BIG, update, { userId: user.userId, name: user.name, at, inserts, deletes }, { committed: resolve, failed: reject }));
  }
  await store.compact(BIG);
  db.close();
}

/** Asks the relay for sync step 2 over `ws` (a step 1 with an empty state); resolves with the ms it took. */
function ping(ws: WebSocket): Promise<number> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // messageSync
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  const started = performance.now();
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
      ws.off("message", onMessage);
      resolve(performance.now() - started);
    };
    ws.on("message", onMessage);
    ws.send(encoding.toUint8Array(encoder));
  });
}

const relays: RelayProcess[] = [];
afterAll(async () => {
  for (const relay of relays) await relay.stop({ removeData: true });
});

describe("history index off the event loop", () => {
  it("other docs' sockets answer promptly while a long doc's index is built", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "quire-index-off-loop-"));
    await writeLongDoc(dataDir);
    const relay = await RelayProcess.start({ dataDir });
    relays.push(relay);
    const token = relay.token({ workspace: WS, sub: "u_teacher", name: "Teacher" });
    const other = connectStockClient(relay.syncUrl, OTHER, token);
    await waitSynced(other.provider);
    other.doc.getText("t").insert(0, "a doc being written meanwhile");
    const ws = other.provider.ws as unknown as WebSocket;
    for (let i = 0; i < 3; i++) await ping(ws); // warm: the first answers pay for compiling

    const started = performance.now();
    const request = historyCall(relay.httpUrl, token, "GET", BIG, "/contributions");
    let done = false;
    void request.finally(() => {
      done = true;
    });
    const pings: number[] = [];
    while (!done) pings.push(await ping(ws));
    const answer = await request;
    const buildMs = performance.now() - started;
    other.destroy();

    expect(answer.status, answer.text).toBe(200);
    const users = (answer.json as { users: { userId: string; inserted: number }[] }).users;
    expect(users.map((u) => u.userId).sort()).toEqual(["u_ann", "u_ben"]);
    expect(users.every((u) => u.inserted > EDITS / 4)).toBe(true);
    // The socket kept being answered while the index was built: several round trips, none of
    // them waiting for the build (on the event loop, one waited the whole build).
    const longest = Math.max(...pings);
    const replay = `SEED=${SEED} pnpm -s exec vitest run apps/relay/test/history-index-off-loop.test.ts`;
    expect(pings.length, `only ${pings.length} pings in a ${buildMs.toFixed(0)} ms build (${replay})`).toBeGreaterThanOrEqual(3);
    expect(longest, `longest ping ${longest.toFixed(0)} ms of a ${buildMs.toFixed(0)} ms build (${replay})`).toBeLessThan(buildMs / 3);
  }, 120_000);
});
