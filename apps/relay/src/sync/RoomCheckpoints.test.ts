import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { DocumentStore, openDatabase } from "@quire/storage-sqlite";
import { RoomCheckpoints } from "./RoomCheckpoints.ts";

const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "quire-checkpoints-"));
  dirs.push(dir);
  const db = openDatabase(dir);
  const store = new DocumentStore(db);
  const doc = new Y.Doc({ gc: false });
  const checkpoints = new RoomCheckpoints("w1/a", doc, store, { checkpointIdleMs: 30_000, checkpointMinIntervalMs: 300_000, checkpointCatchUpIntervalMs: 10_000 });
  return { store, doc, checkpoints, close: () => db.close() };
}

describe("RoomCheckpoints after a catch-up", () => {
  it("takes one right after a device's offline work, then at most one per interval, not pushed back by live edits", async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { store, doc, checkpoints, close } = setup();
    doc.getText("t").insert(0, "offline work");
    checkpoints.caughtUp();
    expect((await store.checkpoints("w1/a")).map((c) => c.at)).toEqual([1_000_000]);

    // Another device's catch-up 2 s later, then live typing every second: one checkpoint at
    // the end of the interval, not at the end of the typing burst.
    vi.advanceTimersByTime(2_000);
    doc.getText("t").insert(0, "more ");
    checkpoints.caughtUp();
    for (let i = 0; i < 12; i++) {
      vi.advanceTimersByTime(1_000);
      checkpoints.committed();
    }
    expect((await store.checkpoints("w1/a")).map((c) => c.at)).toEqual([1_000_000, 1_010_000]);
    checkpoints.dispose();
    close();
  });

  it("takeNow skips a doc with nothing committed since the last checkpoint, unless always", async () => {
    const { store, checkpoints, close } = setup();
    checkpoints.takeNow();
    expect(await store.checkpoints("w1/a")).toHaveLength(0);
    checkpoints.takeNow(true);
    expect(await store.checkpoints("w1/a")).toHaveLength(1);
    checkpoints.dispose();
    close();
  });

  it("takes a compaction's checkpoint only once per interval", async () => {
    vi.useFakeTimers({ now: 2_000_000, toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { store, doc, checkpoints, close } = setup();
    for (let i = 0; i < 5; i++) {
      doc.getText("t").insert(0, `${i}`);
      checkpoints.committed();
      checkpoints.takeIfDue(); // a compaction starts every 500 updates of a busy doc
      vi.advanceTimersByTime(60_000);
    }
    // At 0 s and at 300 s (the 5-minute interval), not at 60, 120, 180 and 240 s.
    expect((await store.checkpoints("w1/a")).map((c) => c.at - 2_000_000)).toEqual([0, 300_000]);
    checkpoints.dispose();
    close();
  });
});
