/**
 * @module workspace-session-options
 * How a {@link WorkspaceSession} is opened: where the relay is, which sockets and IndexedDB its
 * replicas use (tests give each simulated device its own), and where a refreshed token is kept.
 */
import type { Membership } from "./membership.ts";

export interface WorkspaceSessionOptions {
  /** Websocket base, default `ws(s)://<this origin>/sync`. */
  relayUrl?: string;
  /** HTTP origin of the relay's API (token refresh), default derived from `relayUrl`. */
  apiUrl?: string;
  WebSocketPolyfill?: typeof WebSocket;
  /** Carry the workspace's documents over one `/mux` socket (default true; issue 17 item 4). */
  mux?: boolean;
  disableBc?: boolean;
  /** IndexedDB for the device copies (default the global one; tests give each "device" its own). */
  indexedDB?: IDBFactory;
  /** Sockets background sync may use at once (default {@link WEB_LIMITS.backgroundSyncConcurrency}). */
  concurrency?: number;
  /** Where a refreshed token is kept (default: localStorage via MembershipStore). */
  onMembershipChange?: (m: Membership) => void;
}
