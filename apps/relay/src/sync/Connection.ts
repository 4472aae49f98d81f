/**
 * @module Connection
 * One authenticated websocket on one document. Owns the socket's inbound queue: messages are
 * handled strictly in order, one at a time (a large update may be decoded in the worker),
 * and the queue is bounded in messages and bytes so a fast or slow peer cannot make the
 * relay buffer without limit — before its doc is ready and while a decode is in flight.
 *
 * Outbound, what the relay holds unsent for the socket (ws `bufferedAmount`) is capped: a peer
 * that stops reading is closed with 4531 instead of growing the relay's memory with every
 * broadcast and reply (security review S3). A request whose identical earlier reply has not
 * left the relay yet is not answered again: that reply plus the broadcasts after it already
 * say everything the second one would.
 */
import type { Role, TokenClaims } from "@quire/core";
import type { AccessDecision } from "../access/access-decision.ts";
import { isShareLinkSubject } from "../access/share-link-subject.ts";
import { CloseCode } from "@quire/core";
import { log } from "../log.ts";
import { writeRawFrame } from "./raw-frame-write.ts";
import { stageTrace } from "./stage-trace.ts";
import type { SharedMessage } from "./SharedMessage.ts";
import { closeReason, encodePermissionDenied } from "./wire.ts";

export interface QueueLimits {
  maxQueuedMessages: number;
  maxQueuedBytes: number;
  /** Unsent bytes held for this socket beyond which it is closed with 4531. */
  maxSendBufferBytes: number;
}

/**
 * What a connection needs of its socket: a `ws` WebSocket (`/sync/<doc>`) or one channel of a
 * multiplexed socket (`/mux`, MuxChannel.ts), which behaves the same per document.
 */
export interface ConnectionSocket {
  readonly readyState: number;
  readonly OPEN: number;
  readonly bufferedAmount: number;
  readonly isPaused: boolean;
  send(data: Uint8Array, cb: (error?: Error) => void): void;
  /**
   * Sends a message framed once for all its receivers (a mux channel: its channel's payload,
   * shared with same-id channels). Absent on a `ws` socket: Connection writes the shared
   * websocket frame itself (raw-frame-write.ts).
   */
  sendShared?(message: SharedMessage, cb: (error?: Error) => void): void;
  close(code: number, reason: string): void;
  terminate(): void;
  pause(): void;
  resume(): void;
  ping(): void;
}

/**
 * Whether the socket's member may write its document now (issue 13: looked up on every update
 * frame, so a role change or lock reaches a live socket without a new token).
 */
export type WriteAccess = (now: number) => AccessDecision;

/** Pre-class rule, for connections built without a class lookup: the token's role decides. */
export function tokenRoleWriteAccess(claims: TokenClaims): WriteAccess {
  const decision: AccessDecision =
    claims.role === "editor" ? { ok: true } : { ok: false, code: "read_only_role", reason: "read-only: your role is viewer, your edits are not saved or shared" };
  return () => decision;
}

/** Handles one message; may return a promise (e.g. worker decode) that gates the next. */
export type MessageSink = (connection: Connection, message: Uint8Array) => void | Promise<void>;

/**
 * Synchronous handling a socket's backlog may take in one task before the pump yields to the
 * event loop (setImmediate). A backlog builds up while the box deschedules the relay or a
 * large update is checked in the worker; handled in one go, 200 queued keystrokes held every
 * other socket for 10–20 ms (bench/FINDINGS.md F12, F15). 2 ms keeps the loop's delay within
 * the 5 ms goal of issue 17 and lets the group commit flush (and broadcast) between slices;
 * messages stay strictly in order.
 */
export const PUMP_SLICE_MS = 2;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const NO_COMMENTS: AccessDecision = { ok: false, code: "read_only_role", reason: "read-only: you cannot comment" };

let nextConnectionId = 1;

export class Connection {
  readonly id = nextConnectionId++;
  /** Awareness client ids this socket has published (removed when it closes). */
  readonly awarenessIds = new Set<number>();
  ackSubscribed = false;
  /** Answered the last ping (or has not been pinged yet). */
  alive = true;
  closed = false;
  /** True once the client answered the relay's sync step 1 on this socket (message-handler). */
  sentSyncStep2 = false;
  /** Set by closeWhen: no more messages are handled, the close follows. */
  private closing = false;
  private readonly queue: Uint8Array[] = [];
  /** When each queued message arrived (only with the benchmark's stage trace on). */
  private readonly arrivals: number[] = [];
  private queuedBytes = 0;
  private sink: MessageSink | null = null;
  private pumping = false;
  private deniedWrite = false;
  /** Keys of replies (see sendReply) handed to the socket but not yet written to the network. */
  private readonly unsentReplies = new Set<string>();
  /**
   * Size of the message that went into an empty send buffer, until it is written: it does not
   * count against the cap, so a doc larger than the cap reaches a slow reader even while
   * broadcasts queue behind it. `exemptWrite` tells which write it was (writes are numbered).
   */
  private exemptBytes = 0;
  private exemptWrite = 0;
  private writes = 0;
  /**
   * Called once when the connection ends (our close or the peer's): the room forgets it at
   * once, without waiting for the close handshake, so it gets no more broadcasts and its
   * presence disappears immediately.
   */
  onEnd: (() => void) | null = null;
  /**
   * Whether the member could write when the socket opened: a writer that loses write access
   * later is closed with 4533 on its next update (it reconnects as a reader), a reader's
   * updates are only denied (message-handler).
   */
  readonly openedAsWriter: boolean;

  constructor(
    readonly socket: ConnectionSocket,
    readonly docName: string,
    readonly claims: TokenClaims,
    readonly ip: string,
    private readonly limits: QueueLimits,
    readonly mayWrite: WriteAccess = tokenRoleWriteAccess(claims),
    /**
     * Whether the member may write the document's comments (only them) when she may not write
     * it (issue 15): a commenter, a student on a locked document. Checked on every update that
     * mayWrite refuses; such an update is applied only if it writes nothing but comments.
     */
    readonly mayComment: WriteAccess = () => NO_COMMENTS,
    /**
     * Whether presence changes from this socket are sent back to it. Stock y-websocket clients
     * need the echo as a keepalive (DocumentRoom); the web app's mux channels do not (their
     * replicas ask for a sync every WEB_LIMITS.keepAliveMs), so they are spared the bytes.
     */
    readonly echoPresence = true,
  ) {
    this.openedAsWriter = mayWrite(Date.now()).ok;
  }

  /**
   * A share link's socket (parents, a reader outside the class): it hears presence without
   * names (wire.ts encodeAnonymousAwareness) and its own presence is not relayed.
   */
  get anonymousPresence(): boolean {
    return isShareLinkSubject(this.claims.sub);
  }

  /** The role the socket opened with: editor when its member could write then. */
  get role(): Role {
    return this.openedAsWriter ? "editor" : "viewer";
  }

  /**
   * Accepts an inbound binary frame. Before the doc is ready the queue bound is hard: beyond
   * it the socket is closed. Once ready, messages queue only while a large update is decoded
   * in the worker; then the bound is applied as backpressure (stop reading the socket until
   * the queue drains), and only a peer that pushes past twice the byte bound is closed.
   */
  enqueue(message: Uint8Array): void {
    if (this.closed || this.closing) return;
    this.queue.push(message);
    if (stageTrace) this.arrivals.push(performance.now());
    this.queuedBytes += message.byteLength;
    const overCount = this.queue.length > this.limits.maxQueuedMessages;
    const overBytes = this.queuedBytes > this.limits.maxQueuedBytes;
    if (!this.sink && (overCount || overBytes)) {
      this.close(
        CloseCode.BadMessage,
        `too many queued messages before the document was ready (limit ${this.limits.maxQueuedMessages} / ${this.limits.maxQueuedBytes} bytes)`,
      );
      return;
    }
    if (this.queuedBytes > 2 * this.limits.maxQueuedBytes) {
      this.close(CloseCode.BadMessage, `too many bytes queued while earlier messages were processed (limit ${this.limits.maxQueuedBytes})`);
      return;
    }
    if ((overCount || overBytes) && !this.socket.isPaused) this.socket.pause();
    void this.pump();
  }

  /** The doc is ready: start handing queued and future messages to `sink`. */
  setReady(sink: MessageSink): void {
    this.sink = sink;
    void this.pump();
  }

  get ready(): boolean {
    return this.sink !== null;
  }

  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN || this.overSendBuffer(message.byteLength)) return;
    this.write(message.byteLength, (cb) => this.socket.send(message, cb), () => {});
  }

  /**
   * Sends a message that many sockets get (a broadcast, an ack): its frame is built once and
   * the same bytes are written to each (SharedMessage); same checks and cap as `send`.
   */
  sendShared(message: SharedMessage): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN || this.overSendBuffer(message.byteLength)) return;
    this.write(
      message.byteLength,
      (cb) => {
        if (this.socket.sendShared) this.socket.sendShared(message, cb);
        else if (!writeRawFrame(this.socket, message, cb)) this.socket.send(message.payload, cb);
      },
      () => {},
    );
  }

  /**
   * Sends the reply to a request identified by `key` (e.g. a sync step 1's state vector),
   * unless the reply to an identical request is still waiting to be written: then this one is
   * coalesced into it and `encode` (a whole doc for an empty state vector) never runs.
   */
  sendReply(key: string, encode: () => Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN || this.unsentReplies.has(key)) return;
    if (this.overSendBuffer(0)) return;
    const message = encode();
    if (this.overSendBuffer(message.byteLength)) return;
    this.unsentReplies.add(key);
    this.write(message.byteLength, (cb) => this.socket.send(message, cb), () => this.unsentReplies.delete(key));
  }

  /** `send` puts `bytes` on the socket; `written` runs once they reached the kernel. */
  private write(bytes: number, send: (cb: (error?: Error) => void) => void, written: () => void): void {
    const write = ++this.writes;
    if (this.socket.bufferedAmount === 0) {
      this.exemptWrite = write;
      this.exemptBytes = bytes;
    }
    // ws calls back once the message is handed to the kernel, in the order of the writes.
    send((error) => {
      if (write === this.exemptWrite) this.exemptBytes = 0;
      written();
      if (error) this.close(CloseCode.GoingAway, "send failed");
    });
  }

  /**
   * True (and the socket closed with 4531) when adding `bytes` would take what is waiting to
   * be sent past the cap. A message into an empty buffer always goes and is not counted while
   * it drains, so a doc bigger than the cap is still served to a client that reads, with the
   * broadcasts that follow it: at most the cap plus one message is held for a socket.
   */
  private overSendBuffer(bytes: number): boolean {
    const buffered = this.socket.bufferedAmount;
    const cap = this.limits.maxSendBufferBytes;
    if (buffered === 0 || buffered - this.exemptBytes + bytes <= cap) return false;
    this.close(CloseCode.SendBufferFull, `not reading: more than ${cap} bytes waiting to be sent to this socket`);
    return true;
  }

  /**
   * Holds this socket's writes until uncork(): a turn's broadcasts and ack then leave in one
   * writev instead of one syscall per frame (12 % of relay CPU under load, FINDINGS.md F1).
   * ws does not expose its net.Socket; `_socket` is stable across ws 7–8 and absent only
   * before the upgrade completes, when there is nothing to cork.
   */
  cork(): void {
    (this.socket as unknown as { _socket?: { cork(): void } })._socket?.cork();
  }

  uncork(): void {
    (this.socket as unknown as { _socket?: { uncork(): void } })._socket?.uncork();
  }

  /** Sends one permission-denied message per connection (viewers whose client keeps trying). */
  denyWriteOnce(reason: string): void {
    if (this.deniedWrite) return;
    this.deniedWrite = true;
    this.send(encodePermissionDenied(reason));
  }

  /**
   * Handles none of the socket's messages from now on and closes it with `code` once `when`
   * calls back — sends still go out meanwhile (the CPU budget's 4530 waits for the ack of the
   * update that overdrew it: that update is saved and the client must hear so).
   */
  closeWhen(code: number, reason: string, when: (close: () => void) => void): void {
    if (this.closed || this.closing) return;
    this.closing = true;
    this.queue.length = 0;
    this.arrivals.length = 0;
    this.queuedBytes = 0;
    when(() => this.close(code, reason));
  }

  /** Closes with `code` and a reason (trimmed to 123 bytes); logs once per connection. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.arrivals.length = 0;
    this.queuedBytes = 0;
    const level = code === CloseCode.GoingAway || code === 1000 ? "debug" : "warn";
    log[level]("closing connection", { conn: this.id, doc: this.docName, ip: this.ip, code, reason });
    try {
      this.socket.close(code, closeReason(reason));
    } catch {
      this.socket.terminate();
    }
    // A peer that ignores the close handshake is cut off.
    setTimeout(() => this.socket.terminate(), 5_000).unref();
    this.end();
  }

  /** Marks the connection ended and runs the end hook once (also used on the socket's close). */
  end(): void {
    this.closed = true;
    const hook = this.onEnd;
    this.onEnd = null;
    hook?.();
  }

  private async pump(): Promise<void> {
    if (this.pumping || !this.sink) return;
    this.pumping = true;
    try {
      let sliceStarted = performance.now();
      while (!this.closed && !this.closing && this.queue.length > 0) {
        const message = this.queue.shift() as Uint8Array;
        stageTrace?.begin(this.docName, this.arrivals.shift() ?? 0);
        const pending = this.sink(this, message);
        stageTrace?.end();
        if (pending) await pending;
        this.queuedBytes -= message.byteLength;
        if (pending) sliceStarted = performance.now();
        else if (this.queue.length > 0 && performance.now() - sliceStarted >= PUMP_SLICE_MS) {
          await yieldToLoop();
          sliceStarted = performance.now();
        }
      }
      if (this.socket.isPaused && !this.closed) this.socket.resume();
    } catch (error) {
      log.error("message handling failed", { conn: this.id, doc: this.docName, error: String(error) });
      this.close(1011, "internal error while handling a message");
    } finally {
      this.pumping = false;
    }
  }
}
