/**
 * @module test-sessions
 * Test support (not shipped): opens WorkspaceSessions of simulated devices (test-devices.ts)
 * against a test relay, and destroys every one after the file's tests.
 */
import { afterAll } from "vitest";
import type { Device } from "./test-devices.ts";
import type { Membership } from "./membership.ts";
import { WorkspaceSession } from "./WorkspaceSession.ts";
import type { WorkspaceSessionOptions } from "./workspace-session-options.ts";

/** `relay` is read when a session opens (a useRelay handle has its URLs only once started). */
export function useDeviceSessions(relay: { syncUrl: string; httpUrl: string }) {
  const sessions: WorkspaceSession[] = [];
  afterAll(() => {
    for (const session of sessions.splice(0)) session.destroy();
  });
  return (membership: Membership, device: Device, extra: Partial<WorkspaceSessionOptions> = {}): WorkspaceSession => {
    const session = WorkspaceSession.open(membership, {
      relayUrl: relay.syncUrl,
      apiUrl: relay.httpUrl,
      disableBc: true,
      indexedDB: device.indexedDB,
      WebSocketPolyfill: device.WebSocketPolyfill,
      onMembershipChange: () => {},
      ...extra,
    });
    sessions.push(session);
    return session;
  };
}
