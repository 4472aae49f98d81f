import { InProcessBus } from "@quire/bus";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { BUS_ORIGIN, type BusLinkedRoom, RoomBusLink } from "./RoomBusLink.ts";
import { encodeSyncUpdate } from "./wire.ts";

/** A room's bus-facing side over a real doc and awareness, recording what it would broadcast. */
function room(name: string) {
  const doc = new Y.Doc({ gc: false });
  const sent: Uint8Array[] = [];
  let rechecks = 0;
  const r: BusLinkedRoom & { state: BusLinkedRoom["state"]; sent: Uint8Array[]; rechecks: () => number } = {
    name,
    state: "loading",
    doc,
    awareness: new awarenessProtocol.Awareness(doc),
    broadcast: (message) => void sent.push(message),
    remoteApplied: () => void rechecks++,
    sent,
    rechecks: () => rechecks,
  };
  return r;
}

function typed(text: string): Uint8Array {
  const doc = new Y.Doc({ gc: false });
  doc.getText("body").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("RoomBusLink", () => {
  it("holds updates that arrive while the doc loads and applies them, in order, once ready", async () => {
    const bus = new InProcessBus();
    const other = bus.node("other");
    const here = room("doc");
    const link = new RoomBusLink(here, bus.node("here"));
    const first = typed("ab");
    other.publish("doc", "update", first);
    await flush();
    expect(here.doc.getText("body").toString()).toBe("");
    here.state = "ready";
    link.ready();
    expect(here.doc.getText("body").toString()).toBe("ab");
    expect(here.sent).toEqual([encodeSyncUpdate(first)]);
    expect(here.rechecks()).toBe(1);
    link.close();
  });

  it("drops a message that does not apply, logs it, and keeps applying the next ones", async () => {
    const bus = new InProcessBus({ onHandlerError: (error) => expect.fail(`threw into the bus: ${String(error)}`) });
    const other = bus.node("other");
    const here = room("doc");
    here.state = "ready";
    const link = new RoomBusLink(here, bus.node("here"));
    link.ready();
    other.publish("doc", "update", new Uint8Array([255, 255, 255]));
    other.publish("doc", "update", typed("ok"));
    await flush();
    expect(here.doc.getText("body").toString()).toBe("ok");
    link.close();
  });

  it("publishes only its own sockets' presence, never bus echoes or local timeouts", async () => {
    const bus = new InProcessBus();
    const got: string[] = [];
    bus.node("listener").subscribe("doc", (m) => got.push(m.kind));
    const here = room("doc");
    const link = new RoomBusLink(here, bus.node("here"));
    here.awareness.setLocalState({ name: "x" });
    const id = here.awareness.clientID;
    link.publishAwareness([id], BUS_ORIGIN);
    link.publishAwareness([id], "timeout");
    link.publishAwareness([], { socket: true });
    link.publishAwareness([id], { socket: true });
    await flush();
    expect(got).toEqual(["awareness"]);
    link.close();
  });

  it("receives nothing once closed", async () => {
    const bus = new InProcessBus();
    const here = room("doc");
    here.state = "ready";
    const link = new RoomBusLink(here, bus.node("here"));
    link.ready();
    link.close();
    bus.node("other").publish("doc", "update", typed("late"));
    await flush();
    expect(here.doc.getText("body").toString()).toBe("");
    expect(bus.subscriberCount("doc")).toBe(0);
  });
});
