import Database from "better-sqlite3";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { storedRows, connectStockClient, openRaw, type RelayProcess, useRelays, waitFor, waitSynced } from "@quire/testkit";

const BAD = "w0000000013/d0000000001";
const GOOD = "w0000000013/d0000000002";
const relays = useRelays();
let relay: RelayProcess | undefined;

async function write(docName: string, text: string): Promise<void> {
  const r = relay as RelayProcess;
  const client = connectStockClient(r.syncUrl, docName, r.token({ doc: docName, role: "editor" }));
  await waitSynced(client.provider);
  client.doc.getText("body").insert(0, text);
  const check = connectStockClient(r.syncUrl, docName, r.token({ doc: docName, role: "editor" }));
  await waitFor(() => check.doc.getText("body").toString() === text, 10_000, "write to land");
  client.destroy();
  check.destroy();
}

function corrupt(dataDir: string, docName: string): void {
  const db = new Database(join(dataDir, "quire.sqlite"));
  // A row that is not a Yjs update (e.g. a disk or restore accident).
  db.prepare("INSERT INTO updates (doc, data) VALUES (?, ?)").run(docName, Buffer.from([0xff, 0xff, 0xff, 0xff, 0x01, 0x02]));
  db.close();
}

describe("a doc whose stored data fails to load", () => {
  for (const path of ["inline", "worker"] as const) {
    it(`is quarantined (4500), never served or overwritten, and other docs are unaffected (${path} decode)`, async () => {
      relay = await relays.start({ env: path === "worker" ? { WORKER_DECODE_THRESHOLD_BYTES: "0" } : {} });
      await write(BAD, "the real essay");
      await write(GOOD, "another essay");
      await relay.stop({ removeData: false });
      corrupt(relay.dataDir, BAD);
      const rowsBefore = storedRows(relay.dataDir, BAD);
      await relay.restart();

      for (let attempt = 0; attempt < 3; attempt++) {
        const socket = openRaw(relay.syncUrl, BAD, relay.token({ doc: BAD, role: "editor" }));
        const closed = await socket.closed;
        expect(closed.code).toBe(CloseCode.DocUnavailable);
        expect(closed.reason).toMatch(/unavailable.*quarantined/);
        // Never served: not even sync step 1 of an empty doc was sent.
        expect(socket.messages.filter((m) => m[0] === 0)).toHaveLength(0);
      }
      const good = connectStockClient(relay.syncUrl, GOOD, relay.token({ doc: GOOD, role: "editor" }));
      await waitSynced(good.provider);
      expect(good.doc.getText("body").toString()).toBe("another essay");
      good.destroy();

      expect(storedRows(relay.dataDir, BAD)).toEqual(rowsBefore);
      const health = await relay.healthz();
      expect(health.status).toBe("ok");
      expect((health.docs as { name: string }[]).some((d) => d.name === BAD)).toBe(false);
      expect(relay.output.match(/document failed to load; quarantined/g)).toHaveLength(1);
      await relay.stop({ removeData: true });
      relay = undefined;
    });
  }
});
