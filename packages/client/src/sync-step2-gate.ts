/**
 * @module sync-step2-gate
 * Whether the provider's current socket has answered the relay's sync step 1, i.e. sent the
 * sync step 2 that carries everything this doc holds beyond the relay's state.
 *
 * Why: y-websocket sends every local update as soon as its socket opens, but its sync step 2
 * only once the relay's sync step 1 arrives. An update made in that window can build on content
 * the relay has never seen (edits made offline, or sent on a socket that closed before the relay
 * read them): a delete of offline-typed text, or structs after clocks lost with that socket. The
 * relay holds such an update — and the socket's later messages, the step 2 with those clocks
 * among them — for heldUpdateGraceMs, then closes with 4400 "update skips clocks nobody has
 * written" / "deletes content that does not exist" (offline-convergence seed 846595).
 * Withholding live updates until the step 2 went out loses nothing: that step 2 is computed from
 * the whole doc at the moment it is sent, so it contains every update withheld before it, and
 * every later update follows it on the same ordered socket.
 */
import { MessageType } from "@quire/core";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import type { WebsocketProvider } from "y-websocket";

type SyncHandler = WebsocketProvider["messageHandlers"][number];

/**
 * Wraps the provider's sync message handler to note the socket on which the relay's step 1 was
 * answered; returns a check that is true only while that socket is the provider's current one.
 */
export function trackSyncStep2(provider: WebsocketProvider): () => boolean {
  let answered: WebSocket | null = null;
  const handle = provider.messageHandlers[MessageType.Sync] as SyncHandler;
  provider.messageHandlers[MessageType.Sync] = (encoder, decoder, p, emitSynced, messageType) => {
    // The handler reads the message type itself: peek at it on a copy of the decoder.
    const peek = decoding.clone(decoder);
    const isStep1 = decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1;
    handle(encoder, decoder, p, emitSynced, messageType);
    // y-websocket sends the reply (our step 2) right after this handler returns, in the same
    // task: no doc update can come between, so updates from here on follow the step 2.
    if (isStep1) answered = provider.ws;
  };
  return () => answered !== null && answered === provider.ws;
}
