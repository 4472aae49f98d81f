/**
 * Seeded random sessions of two devices editing one doc through a real relay: typing, deleting,
 * the browser going offline and online, and reloads (the doc reopened from the device only).
 * At the end both devices and the relay hold the same text, every token either device added
 * to the insert-only log is there (no keystroke lost), and nothing is left unconfirmed.
 * Replay a failure with the printed QUIRE_SEED.
 */
import "fake-indexeddb/auto";
import { mulberry32, readWithStockClient, useRelay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { DocReplica } from "./DocReplica.ts";
import { createDevice, type Device, eventually } from "./test-devices.ts";


const relay = useRelay();

/** Two fresh seeds per run in `npm test`; QUIRE_FUZZ_SEEDS / QUIRE_FUZZ_STEPS run longer by hand. */
const SEED_COUNT = Number(process.env.QUIRE_FUZZ_SEEDS ?? 2);
const STEPS = Number(process.env.QUIRE_FUZZ_STEPS ?? 40);
const SEEDS = process.env.QUIRE_SEED
  ? [Number(process.env.QUIRE_SEED)]
  : Array.from({ length: SEED_COUNT }, (_, i) => (Date.now() + i * 7_919) % 1_000_000);

describe("offline editing on two devices converges (seeded)", { timeout: 120_000 + STEPS * 2_000 }, () => {
  it.each(SEEDS)("seed %i", async (seed) => {
    const random = mulberry32(seed);
    const docName = `wfuzzabcdef/d${String(seed).padStart(10, "0")}`;
    const token = relay.token({ workspace: "wfuzzabcdef" });
    const devices: Device[] = [createDevice(), createDevice()];
    const make = (device: Device) =>
      new DocReplica({ docName, relayUrl: relay.syncUrl, token, start: true, disableBc: true, indexedDB: device.indexedDB, WebSocketPolyfill: device.WebSocketPolyfill });
    const replicas = devices.map(make);
    const offline = [false, false];
    const typed: string[] = [];
    try {
      for (let step = 0; step < STEPS; step++) {
        const i = random() < 0.5 ? 0 : 1;
        const r = replicas[i] as DocReplica;
        await r.whenLoaded;
        const roll = random();
        if (roll < 0.45) {
          const token = `<${i}.${step}>`;
          typed.push(token);
          const log = r.doc.getArray<string>("log");
          log.insert(Math.floor(random() * (log.length + 1)), [token]);
          const t = r.doc.getText("t");
          t.insert(Math.floor(random() * (t.length + 1)), token);
        } else if (roll < 0.6) {
          const t = r.doc.getText("t");
          if (t.length > 0) {
            const at = Math.floor(random() * t.length);
            t.delete(at, Math.min(t.length - at, 1 + Math.floor(random() * 4)));
          }
        } else if (roll < 0.75) {
          offline[i] ? r.reconnectNow() : r.goOffline();
          offline[i] = !offline[i];
        } else if (roll < 0.85) {
          await r.close(); // Reload: only what the device stored survives.
          replicas[i] = make(devices[i] as Device);
          if (offline[i]) (replicas[i] as DocReplica).goOffline();
        } else {
          await new Promise((res) => setTimeout(res, Math.floor(random() * 30)));
        }
      }
      for (const r of replicas) r.reconnectNow();
      await eventually(
        () => replicas.every((r) => r.saveState().relay === "saved") && replicas[0]?.doc.getText("t").toString() === replicas[1]?.doc.getText("t").toString() && replicas[0]?.doc.getArray("log").length === replicas[1]?.doc.getArray("log").length,
        "both devices saved and equal",
        60_000,
      );
      const [a, b] = replicas as [DocReplica, DocReplica];
      const log = a.doc.getArray<string>("log").toArray();
      expect([...log].sort()).toEqual([...typed].sort());
      expect(b.doc.getArray<string>("log").toArray()).toEqual(log);
      const onRelay = await readWithStockClient(relay.syncUrl, docName, token, (doc) => ({ text: doc.getText("t").toString(), log: doc.getArray<string>("log").toArray() }));
      expect(onRelay).toEqual({ text: a.doc.getText("t").toString(), log });
    } catch (error) {
      console.error(`replay: QUIRE_SEED=${seed} QUIRE_FUZZ_STEPS=${STEPS} pnpm -s exec vitest run --project client offline-convergence`);
      throw error;
    } finally {
      for (const r of replicas) await r.close();
    }
  });
});
