/**
 * @module use-unsaved-work-flusher
 * While a workspace is open on a shared computer, sends the other people's unsaved edits on
 * this device to the relay with their own tokens (see data/UnsavedWorkFlusher.ts).
 */
import { useEffect } from "react";
import { type Membership, UnsavedWorkFlusher, WorkspaceSession, memberKey } from "@quire/client";
import type { AppServices } from "./app-services.ts";

export function useUnsavedWorkFlusher(services: AppServices, writer: Membership): void {
  const workspaceId = writer.workspace.id;
  const writerKey = memberKey(writer);
  useEffect(() => {
    const store = services.memberships;
    const flusher = new UnsavedWorkFlusher({
      others: () => store.members(workspaceId).filter((m) => memberKey(m) !== writerKey),
      openSession: (m) => WorkspaceSession.open(m, { onMembershipChange: (fresh) => store.save(fresh) }),
    });
    return () => flusher.stop();
  }, [services, workspaceId, writerKey]);
}
