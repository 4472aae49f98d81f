import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { TabChannel } from "./TabChannel.ts";

/** Node's BroadcastChannel reaches every worker of this process: each test gets its own name. */
const uniqueName = () => `w0000000000/d${Math.random().toString(36).slice(2)}`;
const RELAY = Symbol("relay");
const settle = () => new Promise((r) => setTimeout(r, 50));
const text = (doc: Y.Doc) => doc.getText("t").toString();

interface Tab {
  doc: Y.Doc;
  channel: TabChannel;
  acks: Map<number, number>[];
  left: number;
}

const open: Tab[] = [];
function tab(name: string, content = ""): Tab {
  const doc = new Y.Doc();
  if (content) doc.getText("t").insert(0, content);
  const t: Tab = { doc, acks: [], left: 0 } as unknown as Tab;
  t.channel = new TabChannel({
    name,
    doc,
    isLocalEdit: (origin) => origin !== RELAY,
    onAck: (sv) => t.acks.push(sv),
    onTabLeft: () => t.left++,
  });
  t.channel.open();
  open.push(t);
  return t;
}

/** Counts the messages on a channel, as a third tab would see them. */
function listen(name: string): { kinds: string[]; close(): void } {
  const channel = new BroadcastChannel(`quire-tabs:${name}`);
  const kinds: string[] = [];
  channel.onmessage = (event: MessageEvent) => kinds.push((event.data as { kind: string }).kind);
  return { kinds, close: () => channel.close() };
}

afterEach(() => {
  for (const t of open.splice(0)) t.channel.close();
});

describe("TabChannel", () => {
  it("shows an edit made in one tab in the other, without echoing it back", async () => {
    const name = uniqueName();
    const a = tab(name);
    const b = tab(name);
    await settle();
    const watch = listen(name);
    const origins: unknown[] = [];
    b.doc.on("update", (_u: Uint8Array, origin: unknown) => origins.push(origin));
    a.doc.getText("t").insert(0, "hello");
    await settle();
    expect(text(b.doc)).toBe("hello");
    // b applied it as the channel's, so its DeviceStore and relay connection can tell.
    expect(origins).toEqual([b.channel]);
    expect(watch.kinds).toEqual(["update"]);
    watch.close();
  });

  it("does not pass on what came from the relay (each tab has its own socket)", async () => {
    const name = uniqueName();
    const a = tab(name);
    const b = tab(name);
    await settle();
    const relayDoc = new Y.Doc();
    relayDoc.getText("t").insert(0, "from Ben");
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(relayDoc), RELAY);
    await settle();
    expect(text(a.doc)).toBe("from Ben");
    expect(text(b.doc)).toBe("");
  });

  it("a tab that opens later gets what the device copy did not have yet, and gives what it has", async () => {
    const name = uniqueName();
    const a = tab(name, "written before ");
    const b = tab(name, "loaded ");
    await settle();
    expect(text(a.doc)).toBe(text(b.doc));
    expect(text(a.doc)).toContain("written before ");
    expect(text(a.doc)).toContain("loaded ");
  });

  it("hands the relay's acks to the other tabs, and to a tab that opens later", async () => {
    const name = uniqueName();
    const a = tab(name);
    const b = tab(name);
    await settle();
    a.channel.shareAck(new Map([[7, 3]]));
    await settle();
    expect(b.acks).toEqual([new Map([[7, 3]])]);
    expect(b.channel.knownRelayState()).toEqual(new Map([[7, 3]]));
    const c = tab(name);
    await settle();
    expect(c.channel.knownRelayState()).toEqual(new Map([[7, 3]]));
    // The newcomer's catch-up acks are for it alone: b heard the first ack only.
    expect(b.acks).toHaveLength(1);
  });

  it("tells the others when a tab closes", async () => {
    const name = uniqueName();
    const a = tab(name);
    const b = tab(name);
    await settle();
    a.channel.close();
    await settle();
    expect(b.left).toBe(1);
  });

  it("keeps people apart: another device copy's tabs hear nothing", async () => {
    const name = uniqueName();
    const ana = tab(name);
    const ben = tab(`${name}#k1`);
    await settle();
    ana.doc.getText("t").insert(0, "Ana's");
    await settle();
    expect(text(ben.doc)).toBe("");
  });

  it("drops malformed messages from another tab", async () => {
    const name = uniqueName();
    const a = tab(name, "kept");
    await settle();
    const rogue = new BroadcastChannel(`quire-tabs:${name}`);
    for (const data of [null, 42, { v: 2, kind: "update", from: "x", update: new Uint8Array([1]) }, { v: 1, kind: "update", from: "x", update: "no" }, { v: 1, kind: "update", from: "x", update: new Uint8Array([255, 255, 255]) }, { v: 1, kind: "ack", from: "x", sv: new Uint8Array([9, 9]) }, { v: 1, kind: "nope", from: "x" }]) {
      rogue.postMessage(data);
    }
    await settle();
    rogue.close();
    expect(text(a.doc)).toBe("kept");
    expect(a.acks).toEqual([]);
  });
});
