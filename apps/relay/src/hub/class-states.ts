/**
 * @module class-states
 * What one side of the hub ↔ upstream link holds of a class: each stored document's whole
 * state and its digest (doc-digest.ts), read from the storage port (every committed row), and
 * one document cut as a sync file of what the other side lacks, with its authors.
 */
import type { StoragePort } from "@quire/storage";
import { type SyncFileSigner, writeSyncFile } from "@quire/syncfile";
import * as Y from "yjs";
import { authorsOf } from "../syncfile/export-authors.ts";
import { stateOf, workspaceDocs } from "../syncfile/export-workspace.ts";
import { digestOf } from "./doc-digest.ts";

export interface DocState {
  digest: string;
  /** The state vector (Yjs encoding). */
  sv: Uint8Array;
}

/**
 * Digest and state vector of every (not quarantined) stored document of `workspace`, by full
 * doc name. `beforeRead` runs for each document right before its state is read.
 */
export async function classDigests(storage: StoragePort, workspace: string, beforeRead?: (name: string) => void): Promise<Map<string, DocState>> {
  const digests = new Map<string, DocState>();
  for (const name of (await workspaceDocs(storage, workspace)).names) {
    beforeRead?.(name);
    const state = await stateOf(storage, name);
    digests.set(name, { digest: digestOf(state), sv: Y.encodeStateVectorFromUpdate(state) });
  }
  return digests;
}

/** A signed sync file of `name` holding what a receiver with state vector `since` lacks. */
export async function exportDocument(
  storage: StoragePort,
  workspace: { id: string; name: string },
  signer: SyncFileSigner,
  name: string,
  since: Uint8Array | null,
): Promise<Uint8Array> {
  const state = await stateOf(storage, name);
  const payload = since ? Y.diffUpdate(state, since) : state;
  const authors = await authorsOf(storage, name, payload);
  return writeSyncFile({ workspace, signer, documents: [{ name, state, authors, ...(since ? { since } : {}) }] }).file;
}
