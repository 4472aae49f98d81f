/**
 * @module message-handler
 * Decodes one inbound y-websocket message (untrusted) and acts on it. Any decoding error,
 * unknown type or protocol violation closes that socket with 4400 and a reason; nothing
 * reaches the room's doc or the database before the update decoded completely.
 */
import { createHash } from "node:crypto";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { CloseCode, MessageType, decodeQuireMessage } from "@quire/core";
import { type RelayLimits, mergeBudgetMs } from "../config.ts";
import type { ClientIdStore } from "@quire/storage-sqlite";
import { AwarenessError, answerAwarenessQuery, handleAwareness } from "./awareness-handler.ts";
import { claimClientIds, leaveOutClients } from "./client-id-binding.ts";
import { checkCommentAuthors } from "./comment-author-check.ts";
import type { Connection } from "./Connection.ts";
import { type DecodeWorker, DecodeTimeoutError } from "./DecodeWorker.ts";
import { type IntegrationGuard, UpdateRefusal } from "./IntegrationGuard.ts";
import type { RoomPort } from "./room-port.ts";
import { unknownClocks } from "./unknown-clocks.ts";
import { checkCommentOnly } from "./comment-only-check.ts";
import type { AccessDecision } from "../access/access-decision.ts";
import { type UpdateCheck, checkUpdate } from "./update-check.ts";
import { encodeSyncStep2 } from "./wire.ts";

class ProtocolError extends Error {}

/**
 * What the handler needs besides the room: the relay-wide workers, guards and limits. The
 * room's own context (RoomContext in DocumentRoom.ts) is a superset; this type is declared
 * here so the handler does not import the room that owns it.
 */
export interface MessageContext {
  decoder: DecodeWorker;
  /** Per-update integration trials and per-user CPU budgets (security review S1). */
  integration: IntegrationGuard;
  /** Who owns each Yjs client id of a doc (security review S2). */
  clientIds: ClientIdStore;
  limits: RelayLimits;
}

/**
 * Above MAX_FORMAT_MARKS_PER_UPDATE marks, an update must carry at least one character per
 * this many marks. Real formatting (bold, italic, links… even stacked on one word) stays far
 * below; the F4 attack piles 2,000 marks on 50 characters (FINDINGS.md F4).
 */
const MAX_MARKS_PER_CHARACTER = 8;

/**
 * Handles one message. Returns a promise only when the message is decoded in the worker, so
 * the common case (small updates, awareness) runs synchronously and nothing queues up.
 */
export function handleMessage(room: RoomPort, connection: Connection, message: Uint8Array, context: MessageContext): Promise<void> | undefined {
  const fail = (error: unknown) => connection.close(error instanceof UpdateRefusal ? error.code : CloseCode.BadMessage, describeFailure(error));
  try {
    return dispatch(room, connection, message, context)?.catch(fail);
  } catch (error) {
    fail(error);
    return undefined;
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof ProtocolError || error instanceof AwarenessError || error instanceof UpdateRefusal) return error.message;
  if (error instanceof DecodeTimeoutError) return "update took too long to decode (time budget exceeded)";
  return `malformed message: ${error instanceof Error ? error.message : String(error)}`;
}

function dispatch(room: RoomPort, connection: Connection, message: Uint8Array, context: MessageContext): Promise<void> | undefined {
  if (room.state !== "ready") return undefined;
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.Sync:
      return handleSync(room, connection, decoder, context);
    case MessageType.Awareness:
      handleAwareness(room, connection, decoding.readVarUint8Array(decoder), context.limits);
      return undefined;
    case MessageType.QueryAwareness:
      answerAwarenessQuery(room, connection);
      return undefined;
    case MessageType.Quire: {
      const quire = decodeQuireMessage(decoder);
      if (quire.kind !== "ack-subscribe") throw new ProtocolError("acks are sent by the relay, not to it");
      connection.ackSubscribed = true;
      // Acknowledges everything this socket sent so far, once it is on disk.
      room.ackAfterCommit(connection);
      return undefined;
    }
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

function handleSync(room: RoomPort, connection: Connection, decoder: decoding.Decoder, context: MessageContext): Promise<void> | undefined {
  const syncType = decoding.readVarUint(decoder);
  switch (syncType) {
    case syncProtocol.messageYjsSyncStep1: {
      const stateVector = decoding.readVarUint8Array(decoder);
      // Decoded now, so a malformed state vector closes this socket here; the reply itself
      // may wait for this turn's commit, outside this handler's error handling.
      Y.decodeStateVector(stateVector);
      // A repeat of a request whose reply is still unsent is answered by that reply (S3). The
      // key is a digest: a state vector may be megabytes, kept while its reply is unsent.
      const key = `sync-step-1:${createHash("sha256").update(stateVector).digest("base64")}`;
      room.afterCommit(() => connection.sendReply(key, () => encodeSyncStep2(room.doc, stateVector)));
      return undefined;
    }
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate: {
      const update = decoding.readVarUint8Array(decoder);
      if (update.byteLength > context.limits.maxUpdateBytes) {
        throw new ProtocolError(`update larger than ${context.limits.maxUpdateBytes} bytes`);
      }
      const marks = {
        maxMarks: context.limits.maxFormatMarksPerUpdate,
        marksPerChar: MAX_MARKS_PER_CHARACTER,
        deferAbove: context.limits.maxFormatMarksPerUpdate,
      };
      // Large updates, and updates with many formatting marks (slow to integrate even when
      // small), are checked in the worker under the time budget, off the main loop.
      const inline =
        update.byteLength > context.limits.workerDecodeThresholdBytes
          ? ({ ok: "defer" } as const)
          : checkUpdate(update, marks, context.integration.needsTrial(room));
      const isStep2 = syncType === syncProtocol.messageYjsSyncStep2;
      if (isStep2) connection.sentSyncStep2 = true;
      if (inline.ok !== "defer") return accept(room, connection, update, inline, context, isStep2);
      // An update that may be costly to integrate is timed against the live state (S1) when it
      // may be applied: an editor's, or a commenter's (her comments integrate like any text:
      // a chain of concurrent inserts under `comments` is as quadratic as one in the body).
      if (connection.role === "editor" || connection.mayComment(Date.now()).ok) {
        return context.integration.trial(room, connection, update, marks).then((check) => accept(room, connection, update, check, context, isStep2));
      }
      const budget = mergeBudgetMs(context.limits, update.byteLength, 1);
      return context.decoder.check(update, budget, marks).then((check) => accept(room, connection, update, check, context, isStep2));
    }
    default:
      throw new ProtocolError(`unknown sync message type ${syncType}`);
  }
}

/**
 * Whether `update` from `connection` may be applied now: a member who may write may send
 * anything; one who may only comment (a commenter, a student on a locked document) may send
 * updates that write nothing but comments (issue 15, comment-only-check.ts).
 */
function mayApply(room: RoomPort, connection: Connection, update: Uint8Array, context: MessageContext, now: number): AccessDecision | { ok: false; code: "comments_only"; reason: string } {
  const write = connection.mayWrite(now);
  if (write.ok || (write.code !== "read_only_role" && write.code !== "locked")) return write;
  if (!connection.mayComment(now).ok) return write;
  const verdict = checkCommentOnly(room.doc, update, context.limits.commentCheckSteps);
  if (verdict.ok) return verdict;
  // A student on a locked document is told it is locked (she may still comment), not that she is a commenter.
  return { ok: false, code: "comments_only", reason: write.code === "locked" ? write.reason : verdict.reason };
}

function accept(
  room: RoomPort,
  connection: Connection,
  received: Uint8Array,
  check: UpdateCheck,
  context: MessageContext,
  isSyncStep2: boolean,
): Promise<void> | undefined {
  if (!check.ok) throw new ProtocolError(check.reason);
  if (connection.closed || room.state !== "ready") return undefined;
  // A viewer's sync step 2 is usually empty (nothing new): not an edit, nothing to refuse.
  if (check.empty) return undefined;
  // Decided on every update against the class as it is now (issue 13), not the token.
  const write = mayApply(room, connection, received, context, Date.now());
  if (!write.ok) {
    if (write.code === "removed" || write.code === "not_in_group" || write.code === "waiting" || write.code === "declined") connection.close(CloseCode.Forbidden, `forbidden: ${write.reason}`);
    // A commenter's live update that touches the text: closed with the reason (4533; the app
    // keeps a commenter's editor read-only, so only a modified or stock client gets here). Her
    // sync step 2 is only denied, or a stock client's reconnect would resend it in a loop.
    else if (write.code === "comments_only" && !isSyncStep2) connection.close(CloseCode.ReadOnlyNow, write.reason);
    // A socket that opened able to write lost it since: say so with a close it reconnects
    // from as a reader; a reader from the start only hears once that its edits are not kept.
    else if (connection.openedAsWriter) connection.close(CloseCode.ReadOnlyNow, write.reason);
    else connection.denyWriteOnce(write.reason);
    return undefined;
  }
  // A comment or resolve written as someone else (issue 15): a live update closes with 4533 and
  // the reason, nothing kept; a sync step 2 leaves out those client ids' structs (like another
  // user's ids below: a device may carry a classmate's comments; their author brings them).
  let authored = { update: received, ranges: check };
  const authors = checkCommentAuthors(room.doc, received, connection.claims.sub, context.limits.commentCheckSteps);
  if (!authors.ok) {
    if (!isSyncStep2 || authors.clients.length === 0) {
      connection.close(CloseCode.ReadOnlyNow, authors.reason);
      return undefined;
    }
    authored = leaveOutClients(received, check, authors.clients);
  }
  // Other users' client ids: refused in an update, left out of a sync step 2 (S2).
  const claimed = claimClientIds(room, connection, authored.update, authored.ranges, isSyncStep2, context.clientIds);
  const update = claimed.update;
  // A sync step 2 is what the device wrote before this connection began: its catch-up.
  const ranges = isSyncStep2 ? { ...claimed.ranges, catchUp: true } : claimed.ranges;
  const future = unknownClocks(room, ranges);
  if (!future) {
    context.integration.commit(room, connection, update, ranges);
    return undefined;
  }
  // Two tabs sharing edits over BroadcastChannel can send a delete (or the next structs) before
  // the other tab's socket has delivered the insert they follow. Hold the update (and this socket's later
  // messages) until the relay knows those clocks; refuse it if that does not happen soon.
  const held = room.whenTrue(() => unknownClocks(room, ranges) === null, context.limits.heldUpdateGraceMs).then((known) => {
    if (!known) throw new ProtocolError(future);
    if (!connection.closed && room.state === "ready") context.integration.commit(room, connection, update, ranges);
  });
  // Before this socket's own sync step 2, its later messages must not wait behind the held
  // update: a stock y-websocket client sends live updates as soon as the socket opens and
  // its step 2 (everything the relay lacks — what this update builds on) only on the relay's
  // step 1, so blocking the socket deadlocked into a 4400 for honest offline work.
  if (!isSyncStep2 && !connection.sentSyncStep2) {
    held.catch((error: unknown) => connection.close(CloseCode.BadMessage, error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  return held;
}
