/**
 * @module SyncClient
 * One lightweight Yjs sync client used against every server, so each server is measured with
 * the same client code: the y-websocket sync protocol, framed as y-websocket (Quire, stock
 * server), Hocuspocus (doc name before every message, token auth first) or raw (the floor
 * server: no handshake, updates only). Quire's ack extension ([100,0] → [100,1,sv]) is used
 * when asked, to learn when the relay has durably stored what we sent. Frames come from
 * @quire/testkit's wire-frames (the one encoder), with the doc-name prefix for Hocuspocus.
 */
import { decodeQuireMessage } from "@quire/core";
import { ackSubscribeFrame, frame, syncStep1Frame, updateFrame } from "@quire/testkit";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { ServerEndpoint } from "../harness/ServerUnderTest.ts";

const MSG_SYNC = 0;
const MSG_AUTH = 2;
const MSG_QUIRE = 100;
/** Hocuspocus's reply to a sync step 1 travels as its own type (SyncReply = 4). */
const MSG_HOCUSPOCUS_SYNC_REPLY = 4;
const HOCUSPOCUS_AUTH_TOKEN = 0;
const HOCUSPOCUS_PERMISSION_DENIED = 1;

export interface SyncClientOptions {
  doc?: Y.Doc;
  /** Subscribe to Quire's durable-write acks (Quire relay only). */
  acks?: boolean;
  /** Called after each incoming sync message was applied (latency observers hook in here). */
  onApplied?: (client: SyncClient) => void;
}

export class SyncClient {
  readonly doc: Y.Doc;
  readonly socket: WebSocket;
  /** Resolves once the server's sync step 2 arrived (raw framing: once open). */
  readonly synced: Promise<void>;
  /** State vector in the relay's latest ack (Quire with `acks`). */
  ackedStateVector: Map<number, number> = new Map();
  /** Messages received, for sanity checks. */
  received = 0;
  /** Hocuspocus frames are y-websocket frames behind the doc name (a varString). */
  private readonly prefix: (frame: Uint8Array) => Uint8Array;
  private resolveSynced!: () => void;
  private rejectSynced!: (error: Error) => void;
  private isSynced = false;
  private closed = false;
  private barrierWaiters: (() => void)[] = [];

  constructor(
    private readonly server: ServerEndpoint,
    readonly docName: string,
    private readonly options: SyncClientOptions = {},
  ) {
    this.doc = options.doc ?? new Y.Doc({ gc: false });
    this.synced = new Promise((resolve, reject) => {
      this.resolveSynced = resolve;
      this.rejectSynced = reject;
    });
    this.synced.catch(() => {});
    const framing = server.framing;
    this.prefix =
      framing === "hocuspocus"
        ? (bytes) => {
            const encoder = encoding.createEncoder();
            encoding.writeVarString(encoder, docName);
            encoding.writeUint8Array(encoder, bytes);
            return encoding.toUint8Array(encoder);
          }
        : (bytes) => bytes;
    const token = server.tokenFor(docName);
    const url = token === undefined || framing !== "y-websocket" ? server.urlFor(docName) : `${server.urlFor(docName)}?token=${token}`;
    this.socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    this.socket.binaryType = "nodebuffer";
    this.socket.on("open", () => this.onOpen());
    this.socket.on("message", (data: Buffer) => this.onMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    this.socket.on("error", (error) => this.fail(error));
    this.socket.on("close", (code, reason) => {
      this.closed = true;
      this.fail(new Error(`socket closed ${code} ${reason.toString()}`));
    });
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.sendUpdate(update);
    });
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  /** Sends a local update (the doc's update handler does this for local transactions). */
  sendUpdate(update: Uint8Array): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(this.prefix(updateFrame(update)));
  }

  /**
   * Resolves once the server answered a fresh sync step 1: a server handles one socket's
   * messages in order, so everything this client sent before has then been applied (and, for
   * Quire, committed: it answers a step 1 after the turn's commit). Raw framing: at once.
   */
  barrier(): Promise<void> {
    if (this.server.framing === "raw") return Promise.resolve();
    return new Promise((resolve) => {
      this.barrierWaiters.push(resolve);
      this.socket.send(this.prefix(syncStep1Frame(this.doc)));
    });
  }

  /** Closes the socket and waits for the close handshake. */
  close(): Promise<void> {
    if (this.closed || this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once("close", () => resolve());
      this.socket.close();
      // A server that never answers the close frame must not hang the benchmark.
      setTimeout(() => {
        this.socket.terminate();
        resolve();
      }, 5_000).unref();
    });
  }

  destroy(): void {
    this.socket.terminate();
    this.doc.destroy();
  }

  private fail(error: Error): void {
    if (!this.isSynced) this.rejectSynced(error);
  }

  private onOpen(): void {
    const framing = this.server.framing;
    if (framing === "raw") {
      this.markSynced();
      return;
    }
    if (framing === "hocuspocus") this.socket.send(this.prefix(frame(MSG_AUTH, HOCUSPOCUS_AUTH_TOKEN, "")));
    if (this.options.acks) this.socket.send(ackSubscribeFrame());
    this.socket.send(this.prefix(syncStep1Frame(this.doc)));
  }

  private onMessage(data: Uint8Array): void {
    this.received++;
    const decoder = decoding.createDecoder(data);
    if (this.server.framing === "hocuspocus") decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MSG_SYNC || type === MSG_HOCUSPOCUS_SYNC_REPLY) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MSG_SYNC);
      const syncType = syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
      if (encoding.length(reply) > 1) this.socket.send(this.prefix(encoding.toUint8Array(reply)));
      if (syncType === syncProtocol.messageYjsSyncStep2) {
        this.markSynced();
        for (const waiter of this.barrierWaiters.splice(0)) waiter();
      }
      this.options.onApplied?.(this);
    } else if (type === MSG_QUIRE) {
      const message = decodeQuireMessage(decoder);
      if (message.kind === "ack") this.ackedStateVector = Y.decodeStateVector(message.stateVector);
    } else if (type === MSG_AUTH && this.server.framing === "hocuspocus") {
      if (decoding.readVarUint(decoder) === HOCUSPOCUS_PERMISSION_DENIED) this.fail(new Error("hocuspocus denied access"));
    }
    // Awareness and Hocuspocus sync-status messages carry nothing a benchmark measures.
  }

  private markSynced(): void {
    if (this.isSynced) return;
    this.isSynced = true;
    this.resolveSynced();
  }
}
