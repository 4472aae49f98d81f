/**
 * @module room-bus-suite
 * The acceptance suite every room bus must pass (issue 11, item 2), like the storage port's:
 * call `runRoomBusSuite(setup)` from a test file next to the implementation. Each case asks the
 * fixture for several node views of one shared bus and checks the contract in
 * @quire/bus RoomBus.ts through real publishes, never a simulated delivery.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { BusMessage, RoomBus } from "@quire/bus";

export interface RoomBusFixture {
  /** A new node's view of the fixture's one bus. */
  node(): RoomBus;
  /** Releases what setup created (connections, servers). */
  teardown(): Promise<void> | void;
}

export type RoomBusSetup = () => Promise<RoomBusFixture> | RoomBusFixture;

/** Resolves once `condition` holds; fails after `timeoutMs` (a network bus delivers later). */
async function until(condition: () => boolean, what: string, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Long enough for any queued delivery to have happened (absence checks). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

const bytes = (...values: number[]) => new Uint8Array(values);

export function runRoomBusSuite(setup: RoomBusSetup): void {
  let fixture: RoomBusFixture | null = null;
  const open = async () => {
    fixture = await setup();
    return fixture;
  };
  afterEach(async () => {
    await fixture?.teardown();
    fixture = null;
  });

  describe("room bus conformance", () => {
    it("delivers to another node, tagged with the publisher, not inside publish", async () => {
      const bus = await open();
      const [a, b] = [bus.node(), bus.node()];
      expect(a.nodeId).not.toBe(b.nodeId);
      const got: BusMessage[] = [];
      b.subscribe("doc", (m) => got.push(m));
      a.publish("doc", "update", bytes(1, 2, 3));
      expect(got).toEqual([]);
      await until(() => got.length === 1, "delivery");
      expect(got[0]?.node).toBe(a.nodeId);
      expect(got[0]?.kind).toBe("update");
      expect([...(got[0]?.data ?? [])]).toEqual([1, 2, 3]);
    });

    it("never delivers a node's own messages to it", async () => {
      const bus = await open();
      const [a, b] = [bus.node(), bus.node()];
      const own: BusMessage[] = [];
      const other: BusMessage[] = [];
      a.subscribe("doc", (m) => own.push(m));
      b.subscribe("doc", (m) => other.push(m));
      a.publish("doc", "awareness", bytes(7));
      await until(() => other.length === 1, "delivery to the other node");
      await settle();
      expect(own).toEqual([]);
    });

    it("keeps each publisher's order", async () => {
      const bus = await open();
      const [a, b, c] = [bus.node(), bus.node(), bus.node()];
      const got: BusMessage[] = [];
      c.subscribe("doc", (m) => got.push(m));
      for (let i = 0; i < 200; i++) {
        a.publish("doc", "update", bytes(i % 256, 0));
        b.publish("doc", i % 2 === 0 ? "update" : "awareness", bytes(i % 256, 1));
      }
      await until(() => got.length === 400, "400 messages");
      for (const node of [a.nodeId, b.nodeId]) {
        const seq = got.filter((m) => m.node === node).map((m) => m.data[0]);
        expect(seq).toEqual(Array.from({ length: 200 }, (_, i) => i % 256));
      }
    });

    it("delivers nothing after unsubscribe, including messages already published", async () => {
      const bus = await open();
      const [a, b] = [bus.node(), bus.node()];
      const got: BusMessage[] = [];
      const stop = b.subscribe("doc", (m) => got.push(m));
      a.publish("doc", "update", bytes(1));
      await until(() => got.length === 1, "first delivery");
      a.publish("doc", "update", bytes(2));
      stop();
      a.publish("doc", "update", bytes(3));
      await settle();
      expect(got.map((m) => m.data[0])).toEqual([1]);
      // Unsubscribing twice is harmless.
      stop();
    });

    it("keeps docs apart", async () => {
      const bus = await open();
      const [a, b] = [bus.node(), bus.node()];
      const one: number[] = [];
      const two: number[] = [];
      b.subscribe("class/one", (m) => one.push(m.data[0] ?? -1));
      b.subscribe("class/two", (m) => two.push(m.data[0] ?? -1));
      a.publish("class/one", "update", bytes(1));
      a.publish("class/two", "update", bytes(2));
      a.publish("class/three", "update", bytes(3));
      await until(() => one.length === 1 && two.length === 1, "both docs");
      await settle();
      expect(one).toEqual([1]);
      expect(two).toEqual([2]);
    });

    it("delivers to every subscriber of every other node", async () => {
      const bus = await open();
      const publisher = bus.node();
      const nodes = Array.from({ length: 8 }, () => bus.node());
      const counts = new Map<string, number>();
      for (const node of nodes) {
        // Two subscriptions on one node (two rooms of a doc never coexist, but a hook may listen).
        for (let s = 0; s < 2; s++) {
          const key = `${node.nodeId}/${s}`;
          node.subscribe("doc", () => counts.set(key, (counts.get(key) ?? 0) + 1));
        }
      }
      for (let i = 0; i < 10; i++) publisher.publish("doc", "update", bytes(i));
      await until(() => counts.size === 16 && [...counts.values()].every((n) => n === 10), "16 subscribers × 10 messages");
    });
  });
}
