/**
 * @module EmptyWorkspace
 * What the main area shows when no document is open.
 */
import type { JSX } from "react";
import type { Membership, WorkspaceSession } from "../data/index.ts";
import { useStoreValue } from "./use-store-value.ts";

interface Props {
  session: WorkspaceSession;
  membership: Membership;
  onOpen(docId: string): void;
}

export function EmptyWorkspace({ session, membership, onOpen }: Props): JSX.Element {
  const count = useStoreValue(session.index, (l) => session.index.subscribe(l), () => session.index.list().length);
  const canEdit = membership.role === "editor";
  return (
    <div className="empty">
      <h2>{count === 0 ? "No documents yet" : "Pick a document on the left"}</h2>
      <p className="muted">
        {canEdit
          ? "Everything you write is saved on this device first, then shared with your group."
          : "You can read every document in this workspace, even offline."}
      </p>
      {canEdit && (
        <button type="button" className="btn btn-primary btn-large" onClick={() => onOpen(session.index.create("Untitled document", membership.user.name))}>
          New document
        </button>
      )}
    </div>
  );
}
