/**
 * @module MuxSocket
 * One multiplexed websocket (`/mux`, issue 17 item 4): the web app's documents over one socket
 * instead of one socket each (frame format: @quire/core mux-frames.ts). The token is verified
 * once, when the socket opens; each channel is then authorized for its document like a
 * `/sync/<doc>` socket (scope, revocation, class access, expiry) and served by the same code
 * (SyncEndpoint.serveDoc), so a channel that loses access is closed with the same 44xx code and
 * reason while the others stay open.
 *
 * Invariants:
 * - At most `maxMuxChannels` channels are open at once; one more closes that channel with 4529.
 * - A malformed frame, or an open for an id that is in use, closes the whole socket with 4400:
 *   the client's framing is broken, nothing it sends can be trusted to reach the right doc.
 * - A payload larger than `maxMessageBytes` closes its channel with 1009 and the same reason a
 *   `/sync` socket gets; ws's own maxPayload (the limit plus the channel header) cuts anything
 *   bigger before it is buffered.
 * - Data for a channel that is not open is dropped: a channel the relay just closed may still
 *   have frames in flight from the client.
 */
import type { WebSocket } from "ws";
import { CloseCode, type TokenClaims, checkDocName, decodeMuxFrame, MuxFrameError } from "@quire/core";
import { log } from "../log.ts";
import { MuxChannel, type MuxHost } from "./MuxChannel.ts";
import { closeReason } from "./wire.ts";

/** Room for the channel id (a varuint of at most 5 bytes) on top of MAX_MESSAGE_BYTES. */
export const MUX_HEADER_BYTES = 8;

export interface MuxLimits {
  maxMuxChannels: number;
  maxMessageBytes: number;
}

/** Serves one authorized channel (SyncEndpoint.serveDoc). */
export type ServeChannel = (channel: MuxChannel, claims: TokenClaims) => void;

export class MuxSocket implements MuxHost {
  private readonly channels = new Map<number, MuxChannel>();
  private readonly pausedBy = new Set<MuxChannel>();
  private pingedAt = 0;

  constructor(
    private readonly ws: WebSocket,
    private readonly claims: TokenClaims,
    private readonly limits: MuxLimits,
    private readonly serve: ServeChannel,
  ) {
    ws.on("pong", () => {
      for (const channel of this.channels.values()) channel.emit("pong");
    });
    ws.once("close", (code: number, reason: Buffer) => {
      const text = reason.toString() || "the connection closed";
      for (const channel of [...this.channels.values()]) channel.end(code, text);
    });
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  get rawSocket(): unknown {
    return (this.ws as unknown as { _socket?: unknown })._socket;
  }

  get channelCount(): number {
    return this.channels.size;
  }

  write(frame: Uint8Array, cb?: (error?: Error) => void): void {
    if (this.ws.readyState !== this.ws.OPEN) {
      cb?.(new Error("socket closed"));
      return;
    }
    this.ws.send(frame, cb);
  }

  pause(channel: MuxChannel): void {
    this.pausedBy.add(channel);
    if (!this.ws.isPaused) this.ws.pause();
  }

  resume(channel: MuxChannel): void {
    this.pausedBy.delete(channel);
    if (this.pausedBy.size === 0 && this.ws.isPaused) this.ws.resume();
  }

  /** Every channel's Connection pings each round; the socket is pinged once. */
  ping(): void {
    const now = Date.now();
    if (now - this.pingedAt < 1_000) return;
    this.pingedAt = now;
    this.ws.ping();
  }

  terminate(): void {
    this.ws.terminate();
  }

  forget(channel: MuxChannel): void {
    if (this.channels.get(channel.id) === channel) this.channels.delete(channel.id);
    this.pausedBy.delete(channel);
  }

  /** One binary frame from the client. */
  receive(frame: Uint8Array): void {
    let decoded: ReturnType<typeof decodeMuxFrame>;
    try {
      decoded = decodeMuxFrame(frame);
    } catch (error) {
      if (!(error instanceof MuxFrameError)) throw error;
      this.fail(error.message);
      return;
    }
    if (decoded.kind === "data") {
      const channel = this.channels.get(decoded.channel);
      if (!channel) return;
      if (decoded.payload.byteLength > this.limits.maxMessageBytes) {
        log.warn("frame over the size limit", { limit: this.limits.maxMessageBytes, doc: channel.docName });
        channel.close(CloseCode.MessageTooBig, `message too big: frames are limited to ${this.limits.maxMessageBytes} bytes`);
        return;
      }
      channel.deliver(decoded.payload);
    } else if (decoded.kind === "close") {
      this.channels.get(decoded.channel)?.end(decoded.code, decoded.reason);
    } else {
      this.open(decoded.channel, decoded.docName);
    }
  }

  private open(id: number, docName: string): void {
    if (this.channels.has(id)) {
      this.fail(`channel ${id} is already open`);
      return;
    }
    const channel = new MuxChannel(id, docName, this);
    this.channels.set(id, channel);
    if (this.channels.size > this.limits.maxMuxChannels) {
      channel.close(CloseCode.TooManyConnections, `too many documents open on one connection (limit ${this.limits.maxMuxChannels})`);
      return;
    }
    const nameCheck = checkDocName(docName);
    if (!nameCheck.ok) {
      channel.close(CloseCode.BadDocName, `bad document name: ${nameCheck.reason}`);
      return;
    }
    this.serve(channel, this.claims);
  }

  private fail(reason: string): void {
    log.warn("closing mux socket", { reason });
    this.ws.close(CloseCode.BadMessage, closeReason(reason));
    setTimeout(() => this.ws.terminate(), 5_000).unref();
  }
}
