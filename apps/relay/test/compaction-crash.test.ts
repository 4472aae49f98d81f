import { join } from "node:path";
import Database from "better-sqlite3";
import * as prng from "lib0/prng";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DATABASE_FILE } from "@quire/storage-sqlite";
import { connectStockClient, createRandom, planSeeds, replayCommand, storedDoc, useRelays, waitFor, waitSynced, withReplay } from "@quire/testkit";

// SIGKILL while the compaction worker is busy (a compaction every 20 rows, typing never
// stops): whatever step the worker was at — reading, merging, replacing, vacuuming,
// checkpointing — the restarted relay serves everything a reader had received, and the
// usage accounting still matches the stored rows (one transaction changes both).
const relays = useRelays();
const DOC = "w0000000017/d0000000041";

describe("crash during compaction in the worker", () => {
  for (const seed of planSeeds(2, 17_101).seeds) {
    it(`loses nothing a reader saw and leaves a consistent database (seed ${seed})`, async () => {
      await withReplay(seed, replayCommand("relay", "test/compaction-crash.test.ts", seed), async () => {
        const rng = createRandom(seed);
        const relay = await relays.start({ env: { COMPACT_AFTER_UPDATES: "20" } });
        let seen = "";
        for (let round = 0; round < 3; round++) {
          const token = relay.token({ doc: DOC, role: "editor" });
          const a = connectStockClient(relay.syncUrl, DOC, token);
          const b = connectStockClient(relay.syncUrl, DOC, token);
          await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);
          expect(b.doc.getText("body").toString()).toBe(seen);
          const text = a.doc.getText("body");
          // Type until a seeded moment, then kill: 40–160 keystrokes, 0–3 ms apart.
          const keys = prng.int32(rng, 40, 160);
          for (let i = 0; i < keys; i++) {
            text.insert(prng.int32(rng, 0, text.length), String.fromCharCode(97 + (i % 26)));
            const pause = prng.int32(rng, 0, 3);
            if (pause > 0) await new Promise((r) => setTimeout(r, pause));
          }
          await relay.kill("SIGKILL");
          const received = Y.decodeStateVector(Y.encodeStateVector(b.doc));
          a.destroy();
          b.destroy();
          // Everything B received was stored before it was sent to B (persist before broadcast).
          const stored = storedDoc(relay.dataDir, DOC);
          for (const [client, clock] of received) expect(Y.getState(stored.store, client)).toBeGreaterThanOrEqual(clock);
          seen = stored.getText("body").toString();
          const db = new Database(join(relay.dataDir, DATABASE_FILE), { readonly: true });
          const usage = db.prepare<[string], { n: number }>("SELECT COALESCE(SUM(bytes), 0) AS n FROM storage_usage WHERE doc = ?").get(DOC)?.n;
          const rows = db.prepare<[string], { n: number }>("SELECT COALESCE(SUM(length(data)), 0) AS n FROM updates WHERE doc = ?").get(DOC)?.n;
          db.close();
          expect(usage).toBe(rows);
          await relay.restart();
        }
        const fresh = connectStockClient(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
        await waitSynced(fresh.provider);
        await waitFor(() => fresh.doc.getText("body").toString() === seen, 10_000, "fresh client has the stored text");
        fresh.destroy();
      });
    }, 90_000);
  }
});
