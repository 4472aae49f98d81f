/**
 * @module relay-withhold
 * Which updates a tab's relay connection sends. y-websocket sends every doc update whose
 * origin is not the provider itself; an edit another tab of this device made (applied here
 * from the {@link TabChannel}) was already sent by that tab, so sending it again would make
 * the relay decode and diff it a second time for nothing. Such updates are withheld.
 *
 * If the tab that made an edit goes away before the relay confirmed it, the edit would wait in
 * this tab until its next reconnect: `sendUnconfirmed` sends everything beyond the relay's last
 * known state right away (what the relay already has, it discards).
 */
import { MessageType } from "@quire/core";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** Replaces the provider's doc listener by one that skips updates `withhold` says another tab sends. */
export function withholdFromRelay(provider: WebsocketProvider, withhold: (origin: unknown) => boolean): void {
  const send = provider._updateHandler;
  provider.doc.off("update", send);
  // Kept on the provider: its destroy() unregisters `_updateHandler`.
  provider._updateHandler = (update: Uint8Array, origin: unknown) => {
    if (!withhold(origin)) send(update, origin);
  };
  provider.doc.on("update", provider._updateHandler);
}

/**
 * Sends the relay what this doc holds beyond `relayState` (the relay's last acked state
 * vector; null: none heard yet, then the ack this connection is owed will tell) when the
 * socket is open and synced; returns whether it sent anything.
 */
export function sendUnconfirmed(provider: WebsocketProvider, relayState: Map<number, number> | null): boolean {
  const ws = provider.ws;
  if (relayState === null || !provider.wsconnected || !provider.synced || !ws || ws.readyState !== ws.OPEN) return false;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(provider.doc, Y.encodeStateVector(relayState)));
  ws.send(encoding.toUint8Array(encoder));
  return true;
}
