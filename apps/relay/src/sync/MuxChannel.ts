/**
 * @module MuxChannel
 * One document channel of a multiplexed socket (`/mux`, MuxSocket.ts), shaped like the `ws`
 * socket a {@link Connection} and SyncEndpoint use for `/sync/<doc>`: the same events
 * (`message`, `close`, `pong`) and methods, so a channel goes through exactly the same
 * authorization, queue, backpressure, send-buffer, CPU-budget and close paths as a socket.
 *
 * What is shared with the other channels, and why that is the same promise: the socket's send
 * buffer (a peer that stops reading stops reading every channel), pausing (backpressure on one
 * channel stops reading the socket, as TCP would), and liveness (one ping per socket).
 *
 * A close from the relay sends a close control frame and ends the channel at once (there is
 * no handshake to wait for: the socket stays open); the client's own close frame ends it too.
 */
import { EventEmitter } from "node:events";
import { encodeMuxClose, encodeMuxData } from "@quire/core";
import type { ConnectionSocket } from "./Connection.ts";
import type { SharedMessage } from "./SharedMessage.ts";
import { closeReason } from "./wire.ts";

/** What a channel needs of its multiplexed socket. */
export interface MuxHost {
  readonly bufferedAmount: number;
  /** Raw write of one websocket frame (already carrying the channel id). */
  write(frame: Uint8Array, cb?: (error?: Error) => void): void;
  pause(channel: MuxChannel): void;
  resume(channel: MuxChannel): void;
  ping(): void;
  /** Cuts the whole socket (a channel found unresponsive means the socket is). */
  terminate(): void;
  /** The channel ended: free its id. */
  forget(channel: MuxChannel): void;
  /** The socket's net.Socket, for Connection's cork/uncork. */
  readonly rawSocket: unknown;
}


const OPEN = 1;
const CLOSED = 3;

export class MuxChannel extends EventEmitter implements ConnectionSocket {

  readonly OPEN = OPEN;
  readonly CLOSED = CLOSED;
  private state: number = OPEN;
  private paused = false;

  constructor(
    readonly id: number,
    readonly docName: string,
    private readonly host: MuxHost,
  ) {
    super();
  }

  get readyState(): number {
    return this.state;
  }

  get bufferedAmount(): number {
    return this.host.bufferedAmount;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Connection.cork()/uncork() reach the socket's net.Socket through `_socket`, as with ws. */
  get _socket(): unknown {
    return this.host.rawSocket;
  }

  send(data: Uint8Array, cb?: (error?: Error) => void): void {
    if (this.state !== OPEN) {
      cb?.(new Error("channel closed"));
      return;
    }
    this.host.write(encodeMuxData(this.id, data), cb);
  }

  /** A broadcast: its payload for this channel id is encoded once for every channel with that id. */
  sendShared(message: SharedMessage, cb?: (error?: Error) => void): void {
    if (this.state !== OPEN) {
      cb?.(new Error("channel closed"));
      return;
    }
    this.host.write(message.muxPayload(this.id), cb);
  }

  /** Relay-side close: tells the client, then ends the channel (emits `close` on the next tick). */
  close(code: number, reason: string): void {
    if (this.state === CLOSED) return;
    this.host.write(encodeMuxClose(this.id, code, closeReason(reason)));
    this.end(code, reason);
  }

  /** Only cuts the socket while this channel is open (Connection schedules it after every close). */
  terminate(): void {
    if (this.state === CLOSED) return;
    this.host.terminate();
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.host.pause(this);
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.host.resume(this);
  }

  ping(): void {
    this.host.ping();
  }

  /** A data frame for this channel arrived (binary, like every frame on the socket). */
  deliver(payload: Uint8Array): void {
    if (this.state === OPEN) this.emit("message", Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength), true);
  }

  /** The client closed the channel, or the socket went away. */
  end(code: number, reason: string): void {
    if (this.state === CLOSED) return;
    this.state = CLOSED;
    if (this.paused) this.resume();
    this.host.forget(this);
    process.nextTick(() => this.emit("close", code, Buffer.from(reason)));
  }

}
