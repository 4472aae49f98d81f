/**
 * @module plan-import
 * Plans a whole file's import: every document's merge is worked out (and may refuse the file)
 * before the caller applies any of them, so a file is either applied whole or not at all.
 */
import { SYNC_FILE_LIMITS, type SyncFileLimits } from "./limits.ts";
import { type DocumentChange, planDocumentMerge } from "./plan-merge.ts";
import type { SignedBy, VerifiedSyncFile } from "./read-sync-file.ts";

export interface ImportPlan {
  workspace: { id: string; name: string };
  signedBy: SignedBy;
  createdAt: number;
  documents: DocumentChange[];
  /** Documents with something to apply. */
  changed: number;
}

/**
 * @param readCurrent the receiver's whole state of a doc as one update, or null if it has none.
 */
export async function planImport(
  file: VerifiedSyncFile,
  readCurrent: (name: string) => Promise<Uint8Array | null>,
  limits: SyncFileLimits = SYNC_FILE_LIMITS,
): Promise<ImportPlan> {
  const documents: DocumentChange[] = [];
  for (const doc of file.documents) documents.push(planDocumentMerge(doc.name, await readCurrent(doc.name), doc.update, limits));
  return {
    workspace: file.manifest.workspace,
    signedBy: file.signedBy,
    createdAt: file.manifest.createdAt,
    documents,
    changed: documents.filter((d) => d.update !== null).length,
  };
}
