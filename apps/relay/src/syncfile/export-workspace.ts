/**
 * @module export-workspace
 * `sync-file export` and `sync-file state`: reads a workspace's documents from the relay's
 * storage port and cuts a signed `.quire` file (everything, or only what a receiver lacks
 * given its state file), with the relay's provenance — who wrote each document here — in the
 * manifest; or writes this relay's state vectors for another exporter.
 */
import { mergeStoredUpdates } from "@quire/core";
import type { StoragePort } from "@quire/storage";
import { type StateVectors, type SyncFileSigner, writeSyncFile } from "@quire/syncfile";
import * as Y from "yjs";
import { authorsOf } from "./export-authors.ts";

export interface WorkspaceDocs {
  /** Names of the workspace's stored docs, sorted (the index first is not needed: order is free). */
  names: string[];
  /** Quarantined docs left out, with the reason. */
  skipped: { name: string; reason: string }[];
}

export async function workspaceDocs(storage: StoragePort, workspaceId: string): Promise<WorkspaceDocs> {
  const names: string[] = [];
  const skipped: WorkspaceDocs["skipped"] = [];
  for (const name of await storage.listDocs()) {
    if (!name.startsWith(`${workspaceId}/`)) continue;
    const reason = await storage.quarantineReason(name);
    if (reason !== null) skipped.push({ name, reason });
    else names.push(name);
  }
  return { names, skipped };
}

/** The doc's whole stored state as one update (an empty doc's when it has no rows). */
export async function stateOf(storage: StoragePort, name: string): Promise<Uint8Array> {
  const { updates } = await storage.load(name);
  return updates.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : mergeStoredUpdates(updates);
}

export async function exportWorkspace(
  storage: StoragePort,
  workspace: { id: string; name: string },
  signer: SyncFileSigner,
  since: StateVectors | null,
  /** Only these docs (full names) and the workspace index, which holds their titles; default all. */
  only?: readonly string[],
): Promise<{ file: Uint8Array; documents: number; skipped: WorkspaceDocs["skipped"] }> {
  if (since && since.workspace !== workspace.id) throw new Error(`the state file is for workspace ${since.workspace}, not ${workspace.id}`);
  const all = await workspaceDocs(storage, workspace.id);
  const wanted = only ? new Set([...only, `${workspace.id}/index`]) : null;
  const names = wanted ? all.names.filter((name) => wanted.has(name)) : all.names;
  const skipped = all.skipped;
  const documents = [];
  for (const name of names) {
    const sv = since?.documents.get(name);
    const state = await stateOf(storage, name);
    // The authors of what the file carries: the same cut writeSyncFile makes.
    const payload = sv ? Y.diffUpdate(state, sv) : state;
    documents.push({ name, state, authors: await authorsOf(storage, name, payload), ...(sv ? { since: sv } : {}) });
  }
  const { file } = writeSyncFile({ workspace, signer, documents });
  return { file, documents: documents.length, skipped };
}

export async function stateVectorsOf(storage: StoragePort, workspaceId: string): Promise<StateVectors> {
  const { names } = await workspaceDocs(storage, workspaceId);
  const documents = new Map<string, Uint8Array>();
  for (const name of names) documents.set(name, Y.encodeStateVectorFromUpdate(await stateOf(storage, name)));
  return { workspace: workspaceId, documents };
}
