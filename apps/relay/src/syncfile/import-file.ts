/**
 * @module import-file
 * `sync-file import`: validates a whole `.quire` file, plans every document's merge against
 * what the relay stores, and only then stages what is new through the storage port, all in
 * one turn (one group-commit transaction).
 *
 * Provenance marks the import, never the authors: the sender recorded is
 * `sync-file:<signer key id>` named after the signer ("Sync file from …"). The file's list of
 * authors is the exporter's claim, and a file may come from anyone with a USB stick, so it is
 * reported, never stored as authorship (issue 14: refuse authorship claims for users the
 * relay does not know). Client-id bindings (security S2) are left alone: the authors bind
 * their ids when they next write here themselves.
 */
import { mergeStoredUpdates } from "@quire/core";
import type { StoragePort } from "@quire/storage";
import { type ImportPlan, planImport, readSyncFile } from "@quire/syncfile";

export interface ImportOptions {
  knownKeyIds: readonly string[];
  /** Refuse a file of any other workspace. */
  expectedWorkspace?: string;
  /** Refuse a file whose signing key this relay does not know. */
  requireKnownSigner?: boolean;
  now?: number;
}

export async function importFile(storage: StoragePort, bytes: Uint8Array, options: ImportOptions): Promise<ImportPlan> {
  const file = readSyncFile(bytes, {
    knownKeyIds: options.knownKeyIds,
    ...(options.expectedWorkspace !== undefined ? { expectedWorkspace: options.expectedWorkspace } : {}),
  });
  if (options.requireKnownSigner && !file.signedBy.known) {
    throw new Error(`the file is signed by a key this relay does not know (${file.signedBy.name}, ${file.signedBy.keyId}); nothing was imported`);
  }
  for (const doc of file.documents) {
    const reason = await storage.quarantineReason(doc.name);
    if (reason !== null) throw new Error(`${doc.name} is quarantined on this relay (${reason}); nothing was imported`);
  }
  const plan = await planImport(file, async (name) => {
    const { updates } = await storage.load(name);
    return updates.length === 0 ? null : mergeStoredUpdates(updates);
  });
  const userId = `sync-file:${file.signedBy.keyId}`;
  const name = `Sync file from ${file.signedBy.name}`;
  for (const change of plan.documents) {
    if (!change.update) continue;
    const refusal = storage.quotaRefusal(change.name, userId, change.update.length);
    if (refusal) throw new Error(`${change.name}: ${refusal}; nothing was imported`);
  }
  const at = options.now ?? Date.now();
  const commits: Promise<void>[] = [];
  for (const change of plan.documents) {
    const update = change.update;
    if (!update) continue;
    commits.push(
      new Promise((resolve, reject) =>
        storage.stage(change.name, update, { userId, name, at, inserts: change.inserts, deletes: change.deletes }, { committed: resolve, failed: reject }),
      ),
    );
  }
  storage.flush();
  await Promise.all(commits);
  return plan;
}
