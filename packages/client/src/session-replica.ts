/**
 * @module session-replica
 * How a {@link WorkspaceSession} makes each of its replicas (index, editor, background, one-off):
 * the session's relay, token, sockets and IndexedDB, this person's device copy, and the
 * session's state applied at birth.
 *
 * Invariants:
 * - A replica made while the browser is offline, or before the relay registered the workspace
 *   (no token yet), starts offline: nothing connects without a network and a token.
 * - A replica made after her removal from the class is denied at once (no socket opens).
 * - Every refusal a replica hears is remembered for the session's access state (class-rules.ts).
 */
import { rememberRefusal } from "./class-rules.ts";
import { deviceCopyName } from "./device-copy-name.ts";
import type { DocumentAccess } from "./DocumentAccess.ts";
import { DocReplica } from "./DocReplica.ts";
import type { DocReplicaOptions } from "./doc-replica-options.ts";
import type { Membership } from "./membership.ts";
import type { WorkspaceSessionOptions } from "./workspace-session-options.ts";

/** What a use of the replica decides: start now, presence, keep-alive, tabs, the hub's level. */
export type SessionReplicaUse = Pick<DocReplicaOptions, "start" | "presence" | "keepAlive" | "tabs" | "hubApiUrl" | "onReleased">;

export interface SessionReplicaContext {
  relayUrl: string;
  options: WorkspaceSessionOptions;
  membership: Membership;
  access: DocumentAccess;
  browserOffline: boolean;
}

export function sessionReplica(context: SessionReplicaContext, docName: string, use: SessionReplicaUse): DocReplica {
  const { options, membership, access } = context;
  const replica = new DocReplica({
    docName,
    relayUrl: context.relayUrl,
    token: membership.token,
    deviceName: deviceCopyName(membership, docName),
    ...use,
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    mux: options.mux ?? true,
    ...(options.disableBc === undefined ? {} : { disableBc: options.disableBc }),
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
  });
  // goOffline also holds back the connection of a workspace the relay has not registered yet.
  if (context.browserOffline || membership.token === "") replica.goOffline();
  if (access.removed) replica.deny({ kind: "removed" });
  replica.subscribe(() => rememberRefusal(access, membership.workspace.id, replica));
  return replica;
}
