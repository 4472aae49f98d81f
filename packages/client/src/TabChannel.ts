/**
 * @module TabChannel
 * Keeps the tabs of one browser that have the same device copy open (same person, same doc)
 * in step over a BroadcastChannel named after that copy — at once, and with no network.
 * Each tab has its own Yjs doc and relay socket; this channel carries between them:
 * - `update`: an edit made in this tab, posted as it happens. The receiving tab applies it with
 *   this channel as origin, and by that origin its DeviceStore does not store it again (the
 *   tab that made it did) and its relay connection does not send it again (the tab that made it
 *   did; see relay-withhold.ts);
 * - `hello` / `state`: a tab that just loaded its device copy asks the others for what it lacks
 *   (edits not yet committed to IndexedDB when it read it) and tells them its state in turn;
 * - `ack`: the relay's durable state vector (Quire ack) one tab received, so every tab's
 *   "Saved to the relay" covers the edits it shows from the others;
 * - `bye`: a tab is going away; the others send the relay whatever it has not confirmed.
 *
 * Invariants: only edits made in this tab are posted (never what came from the relay, the
 * device copy or another tab), so nothing echoes; messages from other tabs are validated like
 * any input (a tab of an older or newer app version may be open) and a malformed one is dropped.
 * y-websocket's own BroadcastChannel is off: it ran only while the socket was connected (so
 * never offline), its receiving tab wrote every update to IndexedDB a second time, and its
 * channel was named after the relay URL, shared by every person on a shared computer.
 */
import * as Y from "yjs";

export interface TabChannelOptions {
  /** The device copy's database name: one channel per person and document. */
  name: string;
  doc: Y.Doc;
  /** Whether an update with this origin is an edit made in this tab (and so to be shared). */
  isLocalEdit(origin: unknown): boolean;
  /** Another tab heard the relay acknowledge this state vector. */
  onAck(stateVector: Map<number, number>): void;
  /** Another tab of this copy closed or navigated away. */
  onTabLeft(): void;
  /** Default: the browser's BroadcastChannel; without one (old browser, tests) the channel stays shut. */
  BroadcastChannel?: typeof BroadcastChannel;
}

type Message =
  | { v: 1; kind: "hello"; from: string; sv: Uint8Array }
  | { v: 1; kind: "state"; from: string; to: string; sv: Uint8Array }
  | { v: 1; kind: "update"; from: string; update: Uint8Array }
  | { v: 1; kind: "ack"; from: string; sv: Uint8Array; to?: string }
  | { v: 1; kind: "bye"; from: string };

/** Channel names are prefixed so no other code on the origin hears our traffic by accident. */
const PREFIX = "quire-tabs:";

export class TabChannel {
  private channel: BroadcastChannel | null = null;
  private readonly id = Math.random().toString(36).slice(2) + Date.now().toString(36);
  /** null until any tab heard an ack (an empty map is a real state: the relay's doc is empty). */
  private relayState: Map<number, number> | null = null;
  private readonly onPageHide = () => this.post({ v: 1, kind: "bye", from: this.id });

  constructor(private readonly options: TabChannelOptions) {}

  /** Starts listening and asks the other tabs for what this one lacks (call once the device copy is loaded). */
  open(): void {
    const Channel = this.options.BroadcastChannel ?? globalThis.BroadcastChannel;
    if (this.channel || typeof Channel !== "function") return;
    this.channel = new Channel(PREFIX + this.options.name);
    this.channel.onmessage = (event: MessageEvent) => this.receive(event.data);
    this.options.doc.on("update", this.onUpdate);
    globalThis.addEventListener?.("pagehide", this.onPageHide);
    this.post({ v: 1, kind: "hello", from: this.id, sv: Y.encodeStateVector(this.options.doc) });
  }

  /** This tab's relay connection received an ack: tell the other tabs. */
  shareAck(stateVector: Map<number, number>): void {
    this.mergeRelayState(stateVector);
    this.post({ v: 1, kind: "ack", from: this.id, sv: Y.encodeStateVector(stateVector) });
  }

  /** The highest relay state vector any tab heard acknowledged (null: none yet). */
  knownRelayState(): Map<number, number> | null {
    return this.relayState;
  }

  close(): void {
    if (!this.channel) return;
    this.post({ v: 1, kind: "bye", from: this.id });
    this.options.doc.off("update", this.onUpdate);
    globalThis.removeEventListener?.("pagehide", this.onPageHide);
    this.channel.close();
    this.channel = null;
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== this && this.options.isLocalEdit(origin)) this.post({ v: 1, kind: "update", from: this.id, update });
  };

  private receive(data: unknown): void {
    const message = parseMessage(data);
    if (!message || message.from === this.id) return;
    const doc = this.options.doc;
    try {
      switch (message.kind) {
        case "update":
          Y.applyUpdate(doc, message.update, this);
          return;
        case "hello":
          this.sendMissing(message.sv);
          this.post({ v: 1, kind: "state", from: this.id, to: message.from, sv: Y.encodeStateVector(doc) });
          // Only for the newcomer: to the others an ack counts as a new one (it confirms deletes).
          if (this.relayState) this.post({ v: 1, kind: "ack", from: this.id, to: message.from, sv: Y.encodeStateVector(this.relayState) });
          return;
        case "state":
          if (message.to === this.id) this.sendMissing(message.sv);
          return;
        case "ack": {
          if (message.to !== undefined && message.to !== this.id) return;
          const stateVector = Y.decodeStateVector(message.sv);
          this.mergeRelayState(stateVector);
          this.options.onAck(stateVector);
          return;
        }
        case "bye":
          this.options.onTabLeft();
          return;
      }
    } catch {
      // Bytes that do not decode come from a broken or foreign tab: drop the message.
    }
  }

  /** Posts what this tab holds beyond `sv`. */
  private sendMissing(sv: Uint8Array): void {
    const doc = this.options.doc;
    // Deletions advance no clock, so even a tab no clock ahead may hold some the other lacks:
    // answer whenever this tab holds anything (the receiver applies what is new, if anything).
    if (doc.store.clients.size === 0) return;
    this.post({ v: 1, kind: "update", from: this.id, update: Y.encodeStateAsUpdate(doc, sv) });
  }

  private mergeRelayState(stateVector: Map<number, number>): void {
    this.relayState ??= new Map();
    const state = this.relayState;
    for (const [client, clock] of stateVector) {
      if (clock > (state.get(client) ?? 0)) state.set(client, clock);
    }
  }

  private post(message: Message): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // A closed channel (page teardown) drops the message; the relay still gets every edit.
    }
  }
}

/** Validates a message from another tab (structured-cloned, but from code we may not be). */
function parseMessage(data: unknown): Message | null {
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.v !== 1 || typeof m.from !== "string") return null;
  const bytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;
  switch (m.kind) {
    case "hello":
      return bytes(m.sv) ? (m as Message) : null;
    case "ack":
      return bytes(m.sv) && (m.to === undefined || typeof m.to === "string") ? (m as Message) : null;
    case "state":
      return bytes(m.sv) && typeof m.to === "string" ? (m as Message) : null;
    case "update":
      return bytes(m.update) ? (m as Message) : null;
    case "bye":
      return m as Message;
    default:
      return null;
  }
}
