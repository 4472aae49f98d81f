/**
 * @module WireClient
 * A y-websocket protocol client written against the wire (ws + y-protocols), so tests control
 * what a stock provider hides: when the client is offline, which frames are duplicated or
 * delivered out of order, and what the relay acknowledged. It speaks exactly the standard
 * protocol (sync step 1/2, updates, awareness) plus Quire's opt-in ack (type 100), with
 * frames from wire-frames.ts.
 *
 * @example
 * const client = new WireClient({ syncUrl: relay.syncUrl, docName, token, subscribeAcks: true });
 * await client.connect();
 * await client.waitSynced();
 * client.doc.getText("body").insert(0, "hi"); // sent as an update frame
 */
import { MessageType } from "@quire/core";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { PRNG } from "lib0/prng";
import * as prng from "lib0/prng";
import { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { createRandom } from "./seeded-random.ts";
import { ackSubscribeFrame, awarenessUpdateFrame, isUpdateFrame, syncStep1Frame, updateFrame } from "./wire-frames.ts";

export interface WireFaults {
  /** Probability that an outgoing or incoming frame is delivered twice. */
  duplicate: number;
  /** Probability that an outgoing or incoming frame is held back and delivered after later ones. */
  reorder: number;
}

export interface WireClientOptions {
  /** Relay sync base URL, e.g. ws://127.0.0.1:1234/sync */
  syncUrl: string;
  docName: string;
  token: string;
  doc?: Y.Doc;
  /** Seeded randomness for fault injection; required when faults are non-zero. */
  rng?: PRNG;
  faults?: WireFaults;
  /** Send [100,0] after connecting so the relay acknowledges durable writes. */
  subscribeAcks?: boolean;
  /** Local address to connect from (127.x.y.z: another "IP" for per-IP limits). */
  localAddress?: string;
}

export interface CloseRecord {
  code: number;
  reason: string;
}

const NO_FAULTS: WireFaults = { duplicate: 0, reorder: 0 };
const REMOTE = Symbol("remote");

export class WireClient {
  readonly doc: Y.Doc;
  /** Every update received from the relay, applied to a shadow doc: what the relay has "shown". */
  readonly received: Y.Doc;
  /** Presence states the relay relayed to this client (it publishes none through this). */
  readonly presence: awarenessProtocol.Awareness;
  readonly closes: CloseRecord[] = [];
  /** Reasons of y-protocols permission-denied messages received. */
  readonly denied: string[] = [];
  /** Highest state vector the relay has acknowledged as durably written (merged over acks). */
  readonly acked = new Map<number, number>();
  ackCount = 0;
  framesSent = 0;
  private socket: WebSocket | null = null;
  private syncedFlag = false;
  private readonly heldOut: Uint8Array[] = [];
  private readonly heldIn: Uint8Array[] = [];
  private readonly faults: WireFaults;
  private readonly rng: PRNG;

  constructor(private readonly options: WireClientOptions) {
    this.doc = options.doc ?? new Y.Doc({ gc: false });
    this.received = new Y.Doc({ gc: false });
    this.presence = new awarenessProtocol.Awareness(new Y.Doc());
    this.presence.setLocalState(null);
    this.faults = options.faults ?? NO_FAULTS;
    this.rng = options.rng ?? createRandom(1);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      this.sendFaulty(updateFrame(update));
    });
  }

  get url(): string {
    return `${this.options.syncUrl}/${this.options.docName}?token=${encodeURIComponent(this.options.token)}`;
  }

  get online(): boolean {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  /** True while the socket is being opened. */
  get connecting(): boolean {
    return this.socket !== null && this.socket.readyState === WebSocket.CONNECTING;
  }

  /** True once the relay answered our sync step 1 on the current connection. */
  get synced(): boolean {
    return this.syncedFlag;
  }

  /** Opens the socket and starts the sync exchange; resolves once the socket is open. */
  async connect(): Promise<void> {
    const previous = this.socket;
    if (previous && (previous.readyState === WebSocket.CLOSING || previous.readyState === WebSocket.CLOSED)) {
      // The relay closed us and the close event is still on its way: let it land first.
      await new Promise<void>((resolve) => {
        if (this.socket !== previous) return resolve();
        previous.once("close", () => resolve());
        setTimeout(resolve, 5_000);
      });
      if (this.socket === previous) this.dropConnection();
    }
    if (this.socket) throw new Error("already connected");
    return this.open();
  }

  private open(): Promise<void> {
    const socket = new WebSocket(this.url, this.options.localAddress ? { localAddress: this.options.localAddress } : {});
    socket.binaryType = "nodebuffer";
    this.socket = socket;
    this.syncedFlag = false;
    return new Promise((resolve, reject) => {
      socket.on("open", () => {
        this.sendNow(syncStep1Frame(this.doc));
        if (this.options.subscribeAcks) this.sendNow(ackSubscribeFrame());
        resolve();
      });
      socket.on("message", (data: Buffer, isBinary: boolean) => {
        if (!isBinary) return;
        this.receiveFaulty(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      });
      socket.on("close", (code, reason) => {
        this.closes.push({ code, reason: reason.toString() });
        if (this.socket === socket) this.dropConnection();
        reject(new Error(`socket closed before open: ${code} ${reason.toString()}`));
      });
      socket.on("error", () => {
        // A "close" event always follows; it carries the code and reason we assert on.
      });
    });
  }

  /** Resolves once the relay answered sync step 1 (or rejects if the socket closes first). */
  async waitSynced(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.syncedFlag) {
      if (!this.socket) throw new Error(`socket closed before sync: ${JSON.stringify(this.closes.at(-1))}`);
      if (Date.now() > deadline) throw new Error(`not synced after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Closes the socket (like a network drop: held frames are lost, the next sync recovers them). */
  async disconnect(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.dropConnection();
    if (socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once("close", () => resolve());
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000, "client leaving");
    });
  }

  /** Delivers every held frame, in both directions (in random order when reordering). */
  flushHeld(): void {
    while (this.heldOut.length > 0) this.sendNow(this.takeHeld(this.heldOut));
    while (this.heldIn.length > 0) this.handle(this.takeHeld(this.heldIn));
  }

  /** Sends raw bytes as one binary frame, bypassing fault injection (fuzzers use this). */
  sendRaw(frame: Uint8Array | string): void {
    this.socket?.send(frame);
  }

  /** Publishes an awareness state for this client. */
  sendAwareness(state: Record<string, unknown>): void {
    const awareness = new awarenessProtocol.Awareness(this.doc);
    awareness.setLocalState(state);
    const frame = awarenessUpdateFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [this.doc.clientID]));
    awareness.destroy();
    this.sendNow(frame);
  }

  destroy(): void {
    this.socket?.terminate();
    this.dropConnection();
    this.doc.destroy();
    this.received.destroy();
    this.presence.destroy();
  }

  private dropConnection(): void {
    this.socket = null;
    this.syncedFlag = false;
    this.heldOut.length = 0;
    this.heldIn.length = 0;
  }

  private sendFaulty(frame: Uint8Array): void {
    if (!this.online) return; // offline: the next sync step 2 carries this edit
    if (this.faults.reorder > 0 && prng.real53(this.rng) < this.faults.reorder) {
      this.heldOut.push(frame);
      return;
    }
    this.sendNow(frame);
    if (this.faults.duplicate > 0 && prng.real53(this.rng) < this.faults.duplicate) this.sendNow(frame);
    if (this.heldOut.length > 0 && prng.bool(this.rng)) this.sendNow(this.takeHeld(this.heldOut));
  }

  private sendNow(frame: Uint8Array): void {
    if (!this.online) return;
    this.framesSent++;
    this.socket?.send(frame);
  }

  private receiveFaulty(frame: Uint8Array): void {
    if (this.faults.reorder > 0 && isUpdateFrame(frame) && prng.real53(this.rng) < this.faults.reorder) {
      this.heldIn.push(frame);
      return;
    }
    this.handle(frame);
    if (this.faults.duplicate > 0 && isUpdateFrame(frame) && prng.real53(this.rng) < this.faults.duplicate) {
      this.handle(frame);
    }
    if (this.heldIn.length > 0 && prng.bool(this.rng)) this.handle(this.takeHeld(this.heldIn));
  }

  private takeHeld(queue: Uint8Array[]): Uint8Array {
    const index = prng.int32(this.rng, 0, queue.length - 1);
    const [frame] = queue.splice(index, 1);
    return frame as Uint8Array;
  }

  private handle(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync: {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MessageType.Sync);
        const before = decoder.pos;
        const kind = syncProtocol.readSyncMessage(decoder, reply, this.doc, REMOTE);
        if (kind !== syncProtocol.messageYjsSyncStep1) {
          // Mirror what the relay sent into the shadow doc (step 2 and updates carry data).
          const shadow = decoding.createDecoder(frame);
          shadow.pos = before;
          syncProtocol.readSyncMessage(shadow, encoding.createEncoder(), this.received, REMOTE);
        }
        if (kind === syncProtocol.messageYjsSyncStep2) this.syncedFlag = true;
        if (encoding.length(reply) > 1) this.sendNow(encoding.toUint8Array(reply));
        return;
      }
      case MessageType.Auth: {
        decoding.readVarUint(decoder); // permission-denied sub-type
        this.denied.push(decoding.readVarString(decoder));
        return;
      }
      case MessageType.Quire: {
        const sub = decoding.readVarUint(decoder);
        if (sub !== 1) return;
        const sv = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
        for (const [client, clock] of sv) this.acked.set(client, Math.max(clock, this.acked.get(client) ?? 0));
        this.ackCount++;
        return;
      }
      case MessageType.Awareness:
        awarenessProtocol.applyAwarenessUpdate(this.presence, decoding.readVarUint8Array(decoder), REMOTE);
        return;
      default:
        return; // query-awareness carries nothing the checks need
    }
  }
}
