import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { UpdateCoalescer } from "./UpdateCoalescer.ts";

/** One update per keystroke from a real doc, as the device store receives them. */
function keystrokes(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < n; i++) doc.getText("t").insert(i, String(i % 10));
  return updates;
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText("t").toString();
}

/** A sink whose writes finish only when the test says so. */
function heldSink() {
  const written: Uint8Array[] = [];
  const finishers: (() => void)[] = [];
  const sink = (update: Uint8Array) => {
    written.push(update);
    return new Promise<void>((resolve) => finishers.push(resolve));
  };
  const finishNext = async () => {
    finishers.shift()?.();
    await new Promise((r) => setTimeout(r, 0)); // let the coalescer react
  };
  return { sink, written, finishNext, inFlight: () => finishers.length };
}

const nextTask = () => new Promise((r) => setTimeout(r, 0));

describe("UpdateCoalescer", () => {
  it("hands on the updates of one task as one merged update at the end of the task", async () => {
    const { sink, written } = heldSink();
    const coalescer = new UpdateCoalescer(sink);
    const updates = keystrokes(500);
    for (const update of updates) coalescer.add(update);
    expect(written).toHaveLength(0);
    expect(coalescer.size).toBe(500);
    await nextTask();
    expect(written).toHaveLength(1);
    expect(coalescer.size).toBe(0);
    expect(textOf(written)).toBe(textOf(updates));
  });

  it("holds updates back while a write is in flight: one write at a time, however many tasks", async () => {
    const { sink, written, finishNext, inFlight } = heldSink();
    const coalescer = new UpdateCoalescer(sink);
    const updates = keystrokes(300);
    for (const update of updates) {
      coalescer.add(update);
      await nextTask(); // each keystroke its own task
      expect(inFlight()).toBeLessThanOrEqual(1);
    }
    expect(written).toHaveLength(1); // the first keystroke; 299 wait for it
    expect(coalescer.size).toBe(299);
    await finishNext();
    expect(written).toHaveLength(2); // everything that waited, merged, written as soon as the first finished
    expect(coalescer.size).toBe(0);
    await finishNext();
    expect(inFlight()).toBe(0);
    expect(textOf(written)).toBe(textOf(updates));
  });

  it("drain() hands on at once, even while a write is in flight (what pagehide needs)", async () => {
    const { sink, written, finishNext } = heldSink();
    const coalescer = new UpdateCoalescer(sink);
    const updates = keystrokes(3);
    coalescer.add(updates[0] as Uint8Array);
    coalescer.drain();
    coalescer.add(updates[1] as Uint8Array);
    coalescer.add(updates[2] as Uint8Array);
    coalescer.drain();
    expect(written).toHaveLength(2);
    await finishNext();
    await finishNext();
    expect(written).toHaveLength(2); // nothing was left to write after the in-flight ones
    expect(textOf(written)).toBe(textOf(updates));
  });

  it("goes on after a write that could not be issued, and clear() drops what waits", async () => {
    let issued = 0;
    const coalescer = new UpdateCoalescer(() => {
      issued++;
      return null; // e.g. the database is gone
    });
    const updates = keystrokes(2);
    coalescer.add(updates[0] as Uint8Array);
    await nextTask();
    coalescer.add(updates[1] as Uint8Array);
    await nextTask();
    expect(issued).toBe(2);
    coalescer.add(updates[0] as Uint8Array);
    coalescer.clear();
    await nextTask();
    expect(issued).toBe(2);
    expect(coalescer.size).toBe(0);
  });
});
