/**
 * @module class-states
 * What one side of the hub ↔ upstream link holds of a class: each stored document's whole
 * state and its digest (doc-digest.ts), read from the storage port (every committed row), and
 * one document cut as a sync file of what the other side lacks, with its authors (or as
 * several, in pieces that each apply on their own, for a push over a slow link).
 */
import type { StoragePort } from "@quire/storage";
import { type SyncFileSigner, writeSyncFile } from "@quire/syncfile";
import * as Y from "yjs";
import { authorsOf } from "../syncfile/export-authors.ts";
import { type Piece, causalPieces } from "./causal-pieces.ts";
import { stateOf, workspaceDocs } from "../syncfile/export-workspace.ts";
import type { DigestCache } from "./DigestCache.ts";
import { type DocState, digestOf } from "./doc-digest.ts";

export type { DocState };

/**
 * Digest and state vector of every (not quarantined) stored document of `workspace`, by full
 * doc name; through `cache` when given (a hub's own documents: DigestCache).
 */
export async function classDigests(storage: StoragePort, workspace: string, cache?: DigestCache): Promise<Map<string, DocState>> {
  const digests = new Map<string, DocState>();
  for (const name of (await workspaceDocs(storage, workspace)).names) {
    const compute = async (): Promise<DocState> => {
      const state = await stateOf(storage, name);
      return { digest: digestOf(state), sv: Y.encodeStateVectorFromUpdate(state) };
    };
    digests.set(name, cache ? await cache.get(name, compute) : await compute());
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

/**
 * Signed sync files of `name`, in order, that together hold what a receiver with state vector
 * `since` lacks, each of about `maxBytes` and each applying on its own (causal-pieces.ts):
 * pushed one after another, a cut keeps every piece that arrived.
 */
export async function exportDocumentPieces(
  storage: StoragePort,
  workspace: { id: string; name: string },
  signer: SyncFileSigner,
  name: string,
  since: Uint8Array | null,
  maxBytes: number,
): Promise<Uint8Array[]> {
  const state = await stateOf(storage, name);
  const files: Uint8Array[] = [];
  for (const piece of causalPieces(state, since, maxBytes)) files.push(await pieceFile(storage, workspace, signer, name, piece));
  return files;
}

/**
 * The first of those pieces as a signed sync file, and whether more follow: what the upstream
 * answers a pull that asks for pieces (the hub pulls again with its new state vector).
 */
export async function exportFirstPiece(
  storage: StoragePort,
  workspace: { id: string; name: string },
  signer: SyncFileSigner,
  name: string,
  since: Uint8Array | null,
  maxBytes: number,
): Promise<{ file: Uint8Array; more: boolean }> {
  const pieces = causalPieces(await stateOf(storage, name), since, maxBytes, 2);
  return { file: await pieceFile(storage, workspace, signer, name, pieces[0] as Piece), more: pieces.length > 1 };
}

async function pieceFile(storage: StoragePort, workspace: { id: string; name: string }, signer: SyncFileSigner, name: string, piece: Piece): Promise<Uint8Array> {
  const payload = piece.since ? Y.diffUpdate(piece.state, piece.since) : piece.state;
  const authors = await authorsOf(storage, name, payload);
  return writeSyncFile({ workspace, signer, documents: [{ name, state: piece.state, authors, ...(piece.since ? { since: piece.since } : {}) }] }).file;
}
