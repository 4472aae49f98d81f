import { describe, expect, it } from "vitest";
import { InProcessBus } from "./InProcessBus.ts";

// The shared contract is checked by runRoomBusSuite (packages/testkit/src/room-bus-suite.test.ts);
// these are the in-process bus's own promises.
describe("InProcessBus", () => {
  it("a throwing handler is reported and does not stop delivery to the others", async () => {
    const errors: unknown[] = [];
    const bus = new InProcessBus({ onHandlerError: (error) => errors.push(error) });
    const [a, b, c] = [bus.node("a"), bus.node("b"), bus.node("c")];
    const got: string[] = [];
    b.subscribe("doc", () => {
      throw new Error("boom");
    });
    c.subscribe("doc", (m) => got.push(m.node));
    a.publish("doc", "update", new Uint8Array([1]));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(got).toEqual(["a"]);
    expect(String(errors[0])).toContain("boom");
  });

  it("forgets a doc once its last subscriber left", () => {
    const bus = new InProcessBus();
    const stop = bus.node().subscribe("doc", () => {});
    expect(bus.subscriberCount("doc")).toBe(1);
    stop();
    expect(bus.subscriberCount("doc")).toBe(0);
  });
});
