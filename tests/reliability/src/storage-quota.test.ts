/**
 * S5 — no storage quota (security review, issue 9 finding 5): 25 × 7 MiB updates into 25 new
 * docs from one member grew the database from 12 to 195 MiB in 9.5 s; with history kept for
 * ever one student could fill the disk for every class. The review's scenario, replayed with
 * the relay's DEFAULT limits: the member quota (USER_QUOTA_BYTES, 64 MiB) stops it, the
 * refusal is 4532 with a reason, what was saved before stays, and others write on.
 *
 * With USER_QUOTA_BYTES=0 WORKSPACE_QUOTA_BYTES=0 (the relay before S5) every write is saved
 * and the test fails on the growth bound.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { CloseCode, MessageType, decodeQuireMessage, encodeAckSubscribe } from "@quire/core";
import { updateFrame, useRelay, waitFor } from "@quire/testkit";
import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { readStoredDoc } from "./harness/stored-docs.ts";

const MiB = 1024 * 1024;
const WRITES = 25;
const WRITE_CHARS = 7 * MiB;
/** The relay's default member quota (apps/relay/src/config.ts). */
const DEFAULT_USER_QUOTA = 64 * MiB;

// QUIRE_S5_ENV=USER_QUOTA_BYTES=0,WORKSPACE_QUOTA_BYTES=0 replays the relay without quotas.
const env = Object.fromEntries((process.env.QUIRE_S5_ENV ?? "").split(",").filter(Boolean).map((kv) => kv.split("=") as [string, string]));
const relay = useRelay({ env });

function databaseBytes(): number {
  let total = 0;
  for (const file of ["quire.sqlite", "quire.sqlite-wal"]) {
    try {
      total += statSync(join(relay.dataDir, file)).size;
    } catch {
      // no WAL yet
    }
  }
  return total;
}

/** Sends one update; resolves "saved" once acknowledged, or the close the relay answered with. */
function write(docName: string, token: string, update: Uint8Array, clientId: number): Promise<"saved" | { code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${relay.syncUrl}/${docName}?token=${encodeURIComponent(token)}`);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no ack and no close for ${docName} within 60 s`));
    }, 60_000);
    ws.on("open", () => {
      ws.send(encodeAckSubscribe());
      ws.send(updateFrame(update));
    });
    ws.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MessageType.Quire) return;
      const message = decodeQuireMessage(decoder);
      if (message.kind === "ack" && (Y.decodeStateVector(message.stateVector).get(clientId) ?? 0) > 0) {
        clearTimeout(timer);
        ws.close();
        resolve("saved");
      }
    });
    ws.on("close", (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
    ws.on("error", () => {});
  });
}

describe("S5: one member cannot fill the relay's disk", () => {
  it("25 × 7 MiB into 25 new docs stops at the member quota with 4532; saved docs intact; others write on", async () => {
    const token = relay.token({ workspace: "ws5attack01", role: "editor", name: "Mallory", sub: "u_s5_mallory" });
    const sizeBefore = databaseBytes();
    const started = Date.now();
    const saved: string[] = [];
    const refusals: { code: number; reason: string }[] = [];
    for (let i = 0; i < WRITES; i++) {
      const source = new Y.Doc();
      source.getText("body").insert(0, String.fromCharCode(97 + (i % 26)).repeat(WRITE_CHARS));
      const docName = `ws5attack01/big${i}`;
      const outcome = await write(docName, token, Y.encodeStateAsUpdate(source), source.clientID);
      if (outcome === "saved") saved.push(docName);
      else refusals.push(outcome);
    }
    const seconds = (Date.now() - started) / 1000;
    const grownMiB = (databaseBytes() - sizeBefore) / MiB;
    console.log(`S5 replay: ${saved.length} of ${WRITES} writes saved, ${refusals.length} refused, database +${grownMiB.toFixed(1)} MiB in ${seconds.toFixed(1)} s`);

    expect(saved.length).toBe(Math.floor(DEFAULT_USER_QUOTA / (WRITE_CHARS + 1024)));
    expect(refusals.length).toBe(WRITES - saved.length);
    for (const refusal of refusals) {
      expect(refusal.code).toBe(CloseCode.QuotaExceeded);
      expect(refusal.reason).toMatch(/storage quota/);
    }
    // The review saw +183 MiB; the database now holds at most the quota plus SQLite's slack
    // (pages, a WAL cut back to 4 MiB by the next checkpoint: WAL_CHECKPOINT_MS, 10 s).
    const boundMiB = DEFAULT_USER_QUOTA / MiB + 16;
    await waitFor(() => (databaseBytes() - sizeBefore) / MiB < boundMiB, 30_000, `database growth under ${boundMiB} MiB`);
    // What was saved before the quota filled is all there.
    for (const docName of saved.slice(0, 2)) expect(readStoredDoc(relay.dataDir, docName).getText("body").length).toBe(WRITE_CHARS);

    // Another class is untouched by it.
    const other = relay.token({ workspace: "ws5other001", role: "editor", name: "Ana", sub: "u_s5_ana" });
    const note = new Y.Doc();
    note.getText("body").insert(0, "our report");
    expect(await write("ws5other001/report", other, Y.encodeStateAsUpdate(note), note.clientID)).toBe("saved");
    await waitFor(async () => (await relay.healthz()).status === "ok", 5_000, "relay healthy");
  });
});
