/**
 * What a socket may cost before its document is ready. To hold a doc in "loading" without
 * test hooks, each case restarts the relay with WORKER_DECODE_THRESHOLD_BYTES=0, so the first
 * load goes through a decode worker that has to boot first (tens of ms); the socket's
 * frames arrive while it boots. The seeded rows are made unverified (checksum cleared, as
 * rows written before checksums existed), or they would load directly without the worker.
 */
import { mkdtempSync } from "node:fs";
import Database from "better-sqlite3";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { connectStockClient, openRaw, type RelayProcess, useRelays, waitFor, waitSynced } from "@quire/testkit";

const DOC = "w0000000015/d0000000001";
const dataDir = mkdtempSync(join(tmpdir(), "quire-pre-ready-"));
const relays = useRelays();
let relay: RelayProcess | undefined;

beforeAll(async () => {
  const seed = await relays.start({ dataDir });
  const client = connectStockClient(seed.syncUrl, DOC, seed.token({ doc: DOC, role: "editor" }));
  await waitSynced(client.provider);
  client.doc.getText("body").insert(0, "stored content");
  const check = connectStockClient(seed.syncUrl, DOC, seed.token({ doc: DOC, role: "editor" }));
  await waitFor(() => check.doc.getText("body").length > 0, 10_000, "seed");
  client.destroy();
  check.destroy();
  await seed.stop({ removeData: false });
  const db = new Database(join(dataDir, "quire.sqlite"));
  db.prepare("UPDATE updates SET checksum = NULL").run();
  db.close();
});

async function start(env: Record<string, string>): Promise<RelayProcess> {
  await relay?.stop({ removeData: false });
  relay = await relays.start({ dataDir, env: { WORKER_DECODE_THRESHOLD_BYTES: "0", ...env } });
  return relay;
}

describe("bounds before the document is ready", () => {
  it("more messages than allowed before ready → 4400, relay fine, doc still loads for others", async () => {
    const r = await start({ MAX_QUEUED_MESSAGES_BEFORE_READY: "3" });
    const socket = openRaw(r.syncUrl, DOC, r.token({ doc: DOC, role: "editor" }));
    await socket.opened;
    for (let i = 0; i < 10; i++) socket.send(new Uint8Array([3]));
    const closed = await socket.closed;
    expect(closed.code).toBe(CloseCode.BadMessage);
    expect(closed.reason).toMatch(/too many queued messages before the document was ready/);
    const good = connectStockClient(r.syncUrl, DOC, r.token({ doc: DOC, role: "editor" }));
    await waitSynced(good.provider);
    expect(good.doc.getText("body").toString()).toBe("stored content");
    good.destroy();
  });

  it("more bytes than allowed before ready → 4400", async () => {
    const r = await start({ MAX_QUEUED_BYTES_BEFORE_READY: "1024" });
    const socket = openRaw(r.syncUrl, DOC, r.token({ doc: DOC, role: "editor" }));
    await socket.opened;
    socket.send(new Uint8Array(4096).fill(3));
    const closed = await socket.closed;
    expect(closed.code).toBe(CloseCode.BadMessage);
    expect(closed.reason).toMatch(/too many queued messages before the document was ready/);
  });

  it("a socket whose doc is not ready by the deadline is closed with 4508, even while it sends", async () => {
    const r = await start({ AUTH_DEADLINE_MS: "1" });
    const socket = openRaw(r.syncUrl, DOC, r.token({ doc: DOC, role: "editor" }));
    socket.ws.on("open", () => socket.send(new Uint8Array([3])));
    const closed = await socket.closed;
    expect(closed.code).toBe(CloseCode.Timeout);
    expect(closed.reason).toMatch(/not ready within 1 ms/);
    expect((await r.healthz()).status).toBe("ok");
  });
});
