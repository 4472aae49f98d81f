/**
 * @module SyncEndpoint
 * Accepts websockets on `/sync/<docName>?token=…`, or with the token in the handshake's
 * subprotocol header (auth/socket-token.ts), and multiplexed sockets on `/mux` (the web app's
 * documents over one socket, MuxSocket.ts): each mux channel is served by {@link serveDoc}
 * exactly like a `/sync` socket.
 *
 * Why `ws` directly and not @hono/node-ws's upgradeWebSocket: @hono/node-ws 1.3.1 builds its
 * WebSocketServer without options, so `maxPayload` stays at ws's 100 MiB default and a
 * 20 MiB frame would be buffered whole before we could refuse it. With our own
 * WebSocketServer the frame limit is enforced by ws's frame parser from the frame header
 * (close 1009), and we get the raw socket for ping/pong and per-IP accounting. Hono still
 * serves every HTTP route; this class only handles the `upgrade` event.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type PerMessageDeflateOptions, type RawData, type WebSocket, WebSocketServer } from "ws";
import type { EventEmitter } from "node:events";
import { CloseCode, MUX_PATH, type TokenClaims, checkDocName } from "@quire/core";
import type { ClassAccess } from "../access/ClassAccess.ts";
import type { MemberActivity } from "../access/MemberActivity.ts";
import { type SocketAuthorization, authorizeDoc, authorizeSocket } from "../auth/authorize-socket.ts";
import { selectSubprotocol, socketToken } from "../auth/socket-token.ts";
import type { TokenService } from "../auth/TokenService.ts";
import type { RelayLimits } from "../config.ts";
import { log } from "../log.ts";
import type { RevocationStore } from "../storage/RevocationStore.ts";
import { Connection, type ConnectionSocket } from "./Connection.ts";
import { MUX_HEADER_BYTES, MuxSocket } from "./MuxSocket.ts";
import type { RoomHooks } from "./room-hooks.ts";
import type { RoomRegistry } from "./RoomRegistry.ts";
import { closeReason, encodePermissionDenied } from "./wire.ts";

const SYNC_PREFIX = "/sync/";


/** A `ws` socket or a mux channel: what serveDoc needs (events as ws emits them). */
type DocSocket = ConnectionSocket & Pick<EventEmitter, "on" | "once">;

export class SyncEndpoint {
  private readonly wss: WebSocketServer;
  /** `/mux` sockets: frames carry a channel id on top of MAX_MESSAGE_BYTES of payload. */
  private readonly muxWss: WebSocketServer;
  private readonly perIp = new Map<string, number>();
  private readonly connections = new Set<Connection>();
  private readonly pingTimer: NodeJS.Timeout;
  private accepting = true;

  constructor(
    private readonly registry: RoomRegistry,
    private readonly tokens: TokenService,
    private readonly revocations: RevocationStore,
    private readonly limits: RelayLimits,
    private readonly hooks: RoomHooks,
    /** Who may read and write which document of a class (issue 13). */
    private readonly access: ClassAccess,
    private readonly activity: MemberActivity,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false, handleProtocols: selectSubprotocol });
    this.muxWss = new WebSocketServer({
      noServer: true,
      maxPayload: limits.maxMessageBytes + MUX_HEADER_BYTES,
      perMessageDeflate: muxDeflate(limits.muxDeflateWindowBits),
      handleProtocols: selectSubprotocol,
    });
    this.pingTimer = setInterval(() => this.pingAll(), limits.pingIntervalMs);
    this.pingTimer.unref();
  }

  get clientCount(): number {
    return this.connections.size;
  }

  attach(server: Server): void {
    server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(request, socket, head));
  }

  /** Shutdown: refuse new sockets and close every open one with 1001. */
  stop(): void {
    this.accepting = false;
    clearInterval(this.pingTimer);
    for (const connection of this.connections) connection.close(CloseCode.GoingAway, "relay shutting down");
    for (const client of [...this.wss.clients, ...this.muxWss.clients]) {
      if (client.readyState === client.OPEN) client.close(CloseCode.GoingAway, "relay shutting down");
    }
  }

  /** Resolves once every socket has finished its close handshake, or after `timeoutMs`. */
  async drained(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.wss.clients.size + this.muxWss.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const client of [...this.wss.clients, ...this.muxWss.clients]) client.terminate();
  }

  private onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? "/", "http://relay.invalid");
    const mux = url.pathname === MUX_PATH;
    if ((!mux && !url.pathname.startsWith(SYNC_PREFIX)) || !this.accepting) {
      socket.end(`HTTP/1.1 ${this.accepting ? "404 Not Found" : "503 Service Unavailable"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    if (mux) this.muxWss.handleUpgrade(request, socket, head, (ws) => this.onMuxSocket(ws, request, url));
    else this.wss.handleUpgrade(request, socket, head, (ws) => this.onSocket(ws, request, url));
  }

  /**
   * Common start of both kinds of socket: frame-size reasons, and the per-IP count (a mux
   * socket counts once, however many documents it carries). False when the socket was refused.
   */
  private admit(ws: WebSocket, ip: string, path: string, limit: number): boolean {
    addCloseReasonForOversizedFrames(ws, limit);
    ws.on("error", (error) => log.debug("socket error", { error: String(error) }));
    const count = this.perIp.get(ip) ?? 0;
    if (count >= this.limits.maxConnectionsPerIp) {
      refuseSocket(ws, { ip, path }, CloseCode.TooManyConnections, `too many connections from your address (limit ${this.limits.maxConnectionsPerIp})`);
      return false;
    }
    // Every socket past this point counts against its IP until it is really gone, including
    // refused ones still in their close handshake.
    this.perIp.set(ip, count + 1);
    ws.once("close", () => {
      const left = (this.perIp.get(ip) ?? 1) - 1;
      if (left <= 0) this.perIp.delete(ip);
      else this.perIp.set(ip, left);
    });
    return true;
  }

  private onSocket(ws: WebSocket, request: IncomingMessage, url: URL): void {
    const ip = request.socket.remoteAddress ?? "unknown";
    if (!this.admit(ws, ip, url.pathname, this.limits.maxMessageBytes)) return;
    const docName = url.pathname.slice(SYNC_PREFIX.length);
    const nameCheck = checkDocName(docName);
    if (!nameCheck.ok) {
      refuseSocket(ws, { ip, path: url.pathname }, CloseCode.BadDocName, `bad document name: ${nameCheck.reason}`);
      return;
    }
    this.serveDoc(ws, docName, ip, authorizeSocket(this.tokens, this.revocations, this.access, socketToken(request, url), docName));
  }

  /**
   * A `/mux` socket: its token is verified once (frames wait meanwhile, within the same bounds
   * as a `/sync` socket's), then every channel it opens is authorized and served like a socket.
   */
  private onMuxSocket(ws: WebSocket, request: IncomingMessage, url: URL): void {
    const ip = request.socket.remoteAddress ?? "unknown";
    if (!this.admit(ws, ip, url.pathname, this.limits.maxMessageBytes)) return;
    const refuse = (code: number, reason: string) => refuseSocket(ws, { ip, path: url.pathname }, code, reason);
    const held: RawData[] = [];
    let heldBytes = 0;
    let onFrame = (data: RawData, isBinary: boolean) => {
      if (!isBinary) {
        onFrame = () => {};
        refuse(CloseCode.BadMessage, "text frames are not accepted: the protocol is binary");
        return;
      }
      held.push(data);
      heldBytes += rawLength(data);
      if (held.length > this.limits.maxQueuedMessagesBeforeReady || heldBytes > this.limits.maxQueuedBytesBeforeReady) {
        onFrame = () => {};
        refuse(CloseCode.BadMessage, `too many queued messages before the token was checked (limit ${this.limits.maxQueuedMessagesBeforeReady} / ${this.limits.maxQueuedBytesBeforeReady} bytes)`);
      }
    };
    ws.on("message", (data: RawData, isBinary: boolean) => onFrame(data, isBinary));
    const verifying = setTimeout(() => {
      onFrame = () => {};
      refuse(CloseCode.Timeout, `token not checked within ${this.limits.authDeadlineMs} ms`);
    }, this.limits.authDeadlineMs);
    verifying.unref();
    ws.once("close", () => clearTimeout(verifying));
    void this.tokens.verify(socketToken(request, url) ?? undefined).then(
      (check) => {
        clearTimeout(verifying);
        if (ws.readyState !== ws.OPEN) return;
        if (!check.ok) {
          onFrame = () => {};
          refuse(CloseCode.Unauthorized, `unauthorized: ${check.message}`);
          return;
        }
        const claims = check.claims;
        const mux = new MuxSocket(ws, claims, this.limits, (channel) =>
          this.serveDoc(channel, channel.docName, ip, Promise.resolve(authorizeDoc(this.revocations, this.access, claims, channel.docName, Date.now())), false),
        );
        onFrame = (data, isBinary) => {
          if (!isBinary) refuse(CloseCode.BadMessage, "text frames are not accepted: the protocol is binary");
          else mux.receive(toUint8Array(data));
        };
        for (const data of held.splice(0)) onFrame(data, true);
      },
      (error) => {
        clearTimeout(verifying);
        log.error("token verification failed", { error: String(error) });
        refuse(CloseCode.Unauthorized, "unauthorized: token could not be verified");
      },
    );
  }

  /**
   * One document on `ws` (a `/sync` socket or a mux channel): frames are held until `authorizing`
   * settles, then the connection joins the room. `echoPresence`: see Connection.
   */
  private serveDoc(ws: DocSocket, docName: string, ip: string, authorizing: Promise<SocketAuthorization>, echoPresence = true): void {
    const refuse = (code: number, reason: string, authMessage = false) => refuseSocket(ws, { ip, path: docName }, code, reason, authMessage);
    // Verification is asynchronous (jose). Frames that arrive meanwhile — a client sends its
    // sync step 1 as soon as the socket opens — are held in order, within the same bounds as
    // a connection's queue before its doc is ready, and replayed once the token is accepted.
    const held: { data: RawData; isBinary: boolean }[] = [];
    let heldBytes = 0;
    let onFrame = (data: RawData, isBinary: boolean) => {
      held.push({ data, isBinary });
      heldBytes += rawLength(data);
      if (held.length > this.limits.maxQueuedMessagesBeforeReady || heldBytes > this.limits.maxQueuedBytesBeforeReady) {
        onFrame = () => {};
        refuse(
          CloseCode.BadMessage,
          `too many queued messages before the document was ready (limit ${this.limits.maxQueuedMessagesBeforeReady} / ${this.limits.maxQueuedBytesBeforeReady} bytes)`,
        );
      }
    };
    ws.on("message", (data: RawData, isBinary: boolean) => onFrame(data, isBinary));
    const acceptedAt = Date.now();
    // Verification ends within TRUSTED_JWKS's fetch timeout; the deadline still bounds it.
    const verifying = setTimeout(() => {
      onFrame = () => {};
      // Same reason as the ready deadline below: AUTH_DEADLINE_MS covers authenticate + load.
      refuse(CloseCode.Timeout, `document not ready within ${this.limits.authDeadlineMs} ms`);
    }, this.limits.authDeadlineMs);
    verifying.unref();
    ws.once("close", () => clearTimeout(verifying));
    void authorizing.then(
      (auth) => {
        clearTimeout(verifying);
        if (ws.readyState !== ws.OPEN) return;
        if (!auth.ok) {
          onFrame = () => {};
          refuse(auth.code, auth.reason, true);
          return;
        }
        const connection = this.accept(ws, docName, auth.claims, ip, acceptedAt, echoPresence);
        onFrame = (data, isBinary) => this.deliver(connection, data, isBinary);
        for (const frame of held.splice(0)) onFrame(frame.data, frame.isBinary);
      },
      (error) => {
        clearTimeout(verifying);
        log.error("token verification failed", { error: String(error) });
        refuse(CloseCode.Unauthorized, "unauthorized: token could not be verified", true);
      },
    );
  }

  /** Sets up an authorized socket's connection and joins it to its room. */
  private accept(ws: DocSocket, docName: string, claims: TokenClaims, ip: string, acceptedAt: number, echoPresence: boolean): Connection {
    const connection = new Connection(
      ws,
      docName,
      claims,
      ip,
      {
        maxQueuedMessages: this.limits.maxQueuedMessagesBeforeReady,
        maxQueuedBytes: this.limits.maxQueuedBytesBeforeReady,
        maxSendBufferBytes: this.limits.maxSendBufferBytes,
      },
      (now) => this.access.mayWriteDoc(claims, docName, now),
      () => this.access.mayCommentDoc(claims, docName),
      echoPresence,
    );
    this.activity.seen(claims.workspace, claims.sub);
    this.connections.add(connection);
    // The deadline is fixed at accept time (before the token was verified): traffic on the
    // socket never extends it.
    const deadline = setTimeout(() => {
      if (!connection.ready) connection.close(CloseCode.Timeout, `document not ready within ${this.limits.authDeadlineMs} ms`);
    }, Math.max(0, this.limits.authDeadlineMs - (Date.now() - acceptedAt)));
    deadline.unref();
    ws.on("pong", () => {
      connection.alive = true;
    });
    let room: ReturnType<RoomRegistry["join"]> = null;
    connection.onEnd = () => {
      clearTimeout(deadline);
      this.connections.delete(connection);
      room?.leave(connection);
    };
    ws.on("close", () => connection.end());
    this.hooks.authenticated({ doc: docName, claims, connection: connection.id });
    room = this.registry.join(connection);
    return connection;
  }

  private deliver(connection: Connection, data: RawData, isBinary: boolean): void {
    if (!isBinary) {
      connection.close(CloseCode.BadMessage, "text frames are not accepted: the protocol is binary");
      return;
    }
    this.activity.seen(connection.claims.workspace, connection.claims.sub);
    connection.enqueue(toUint8Array(data));
  }

  /** How many sockets each member (`sub`) of `workspace` has open now. */
  onlineIn(workspace: string): Map<string, number> {
    const online = new Map<string, number>();
    for (const connection of this.connections) {
      if (connection.closed || connection.claims.workspace !== workspace) continue;
      online.set(connection.claims.sub, (online.get(connection.claims.sub) ?? 0) + 1);
    }
    return online;
  }

  /** Terminates sockets that did not answer the previous ping, pings the others. */
  private pingAll(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        log.info("terminating unresponsive socket", { conn: connection.id, doc: connection.docName });
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }

  /** Every tracked connection, for shutdown. */
  all(): Connection[] {
    return [...this.connections];
  }
}

/**
 * permessage-deflate on `/mux` sockets only, when MUX_DEFLATE_WINDOW_BITS is set (off by
 * default: see config.ts and bench/FINDINGS.md F14): a reconnect's traffic repeats the
 * workspace id, doc names and state vectors, which a shared compression context shrinks. A small window and memLevel 4 keep the
 * zlib state per socket near 20 KB (deflate 2^(w+2) + 2^13, inflate 2^w + ~7 KB) instead of
 * ~300 KB at zlib's defaults; every frame is compressed (threshold 0) because nearly all are
 * under ws's 1 KiB default. `/sync/<doc>` sockets stay uncompressed, as stock clients expect.
 */
function muxDeflate(windowBits: number): false | PerMessageDeflateOptions {
  if (windowBits === 0) return false;
  return {
    threshold: 0,
    serverMaxWindowBits: windowBits,
    clientMaxWindowBits: windowBits,
    zlibDeflateOptions: { memLevel: 4 },
    zlibInflateOptions: { windowBits },
  };
}

/** Refuses a socket or channel: logs, optionally says why in a y-protocols auth message, closes. */
function refuseSocket(ws: ConnectionSocket, where: { ip: string; path: string }, code: number, reason: string, authMessage = false): void {
  log.warn("connection refused", { ...where, code, reason });
  if (authMessage) ws.send(encodePermissionDenied(reason), () => {});
  ws.close(code, closeReason(reason));
  setTimeout(() => ws.terminate(), 5_000).unref();
}

function rawLength(data: RawData): number {
  return Array.isArray(data) ? data.reduce((sum, part) => sum + part.byteLength, 0) : data.byteLength;
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * ws closes an oversized frame with 1009 but no reason text; wrap this socket's close so
 * the peer learns the limit. ws calls `websocket.close(code)` from its receiver, so an
 * instance-level wrapper is enough.
 */
function addCloseReasonForOversizedFrames(ws: WebSocket, limit: number): void {
  const close = ws.close.bind(ws);
  ws.close = (code?: number, reason?: string | Buffer) => {
    if (code === CloseCode.MessageTooBig && (reason === undefined || reason.length === 0)) {
      log.warn("frame over the size limit", { limit });
      close(code, closeReason(`message too big: frames are limited to ${limit} bytes`));
      return;
    }
    close(code, reason);
  };
}
