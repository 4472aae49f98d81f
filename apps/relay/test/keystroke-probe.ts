/**
 * An honest pair of stock clients on one doc, typing one character at a time: each keystroke
 * is timed from the writer's insert until the reader has it (a full round trip through the
 * relay). Keystrokes are serial, so a relay stall shows up as one long round trip.
 */
import { type StockClient, connectStockClient, waitSynced } from "@quire/testkit";

export interface KeystrokeProbe {
  /** Round trips measured so far, in ms. */
  readonly roundTrips: number[];
  /** Stops typing, disconnects both clients and returns every round trip. */
  stop(): Promise<number[]>;
}

export async function startKeystrokeProbe(syncUrl: string, docName: string, token: string, intervalMs = 50): Promise<KeystrokeProbe> {
  const writer: StockClient = connectStockClient(syncUrl, docName, token);
  const reader: StockClient = connectStockClient(syncUrl, docName, token);
  await Promise.all([waitSynced(writer.provider), waitSynced(reader.provider)]);
  const roundTrips: number[] = [];
  let running = true;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    const text = writer.doc.getText("probe");
    const seen = reader.doc.getText("probe");
    while (running) {
      const target = seen.length + 1;
      const started = performance.now();
      text.insert(text.length, "k");
      // Polling with a 1 ms timer would itself load the machine; the reader's doc event is exact.
      await new Promise<void>((resolve) => {
        const check = () => {
          if (seen.length >= target || !running) {
            reader.doc.off("update", check);
            wake = null;
            resolve();
          }
        };
        wake = check;
        reader.doc.on("update", check);
        check();
      });
      if (seen.length >= target) roundTrips.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    roundTrips,
    async stop() {
      running = false;
      // Wakes a keystroke still waiting for its echo.
      (wake as (() => void) | null)?.();
      await loop;
      writer.destroy();
      reader.destroy();
      return roundTrips;
    },
  };
}
