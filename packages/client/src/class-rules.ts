/**
 * @module class-rules
 * How a workspace session applies the class rules of the relay (issue 13) to one replica:
 * what a refused socket teaches the whole workspace, and whether an open document may be
 * written now. The decisions are the relay's; these only carry them to the replicas.
 */
import type { DocReplica } from "./DocReplica.ts";
import type { DocumentAccess } from "./DocumentAccess.ts";

/** A replica's socket was refused by the class rules: remember it for the whole workspace. */
export function rememberRefusal(access: DocumentAccess, workspaceId: string, replica: DocReplica): void {
  const refusal = replica.accessRefusal();
  if (refusal?.kind === "removed") access.markRemoved();
  else if (refusal?.kind === "no-access") {
    const prefix = `${workspaceId}/`;
    if (replica.docName.startsWith(prefix)) access.deny(replica.docName.slice(prefix.length));
  }
}

/**
 * Locked or made a reader before this socket opened (a reload, or while she was offline): the
 * relay refuses her edits without closing such a socket, so the editor's handle asks at every
 * load and relay sync. An unlock or promotion gives writing back on the next one.
 */
export function followWriteAccess(access: DocumentAccess, docId: string, handle: DocReplica): void {
  if (access.removed) {
    handle.deny({ kind: "removed" });
    return;
  }
  if (!access.filters) return;
  handle.on("sync", (synced) => {
    if (synced) void checkWritable(access, docId, handle);
  });
}

async function checkWritable(access: DocumentAccess, docId: string, handle: DocReplica): Promise<void> {
  const answer = await access.writable(docId);
  if (answer === null || handle.isReleased) return;
  if (answer.write) handle.allowWriting();
  else handle.markReadOnly(answer.reason === "locked" ? "locked" : "read-only-role");
}
