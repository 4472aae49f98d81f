/**
 * @module write-sync-file
 * Cuts a `.quire` file from a workspace's documents: per document only what the receiver
 * lacks given its state vector, or everything; a manifest with every payload's size and
 * SHA-256; signed by the exporter (relay key ring or device key).
 */
import * as Y from "yjs";
import { fromBase64Url, sha256Hex, toBase64Url, utf8 } from "./bytes.ts";
import { encodeContainer } from "./container.ts";
import { type ManifestAuthor, type ManifestDocument, SYNC_FILE_FORMAT, type SyncFileManifest } from "./manifest.ts";
import { type SyncFileSigner, keyIdOf, publicKeyOf, signManifest } from "./signature.ts";

export interface ExportDocument {
  /** Full doc name, `<workspaceId>/<docId>`. */
  name: string;
  /** The document's whole state as one Yjs update (v1). */
  state: Uint8Array;
  /** The receiver's state vector for this document; without it the file carries everything. */
  since?: Uint8Array;
  /** Who wrote it, from the exporting relay's provenance (relay exports only). */
  authors?: ManifestAuthor[];
}

export interface ExportOptions {
  workspace: { id: string; name: string };
  signer: SyncFileSigner;
  documents: readonly ExportDocument[];
  /** Exporter clock, default Date.now(). */
  now?: number;
}

/**
 * @example
 * const { file } = writeSyncFile({ workspace: { id: "w1", name: "Class 5B" }, signer,
 *   documents: [{ name: "w1/index", state: Y.encodeStateAsUpdate(indexDoc) }] });
 */
export function writeSyncFile(options: ExportOptions): { file: Uint8Array; manifest: SyncFileManifest } {
  const payloads: Uint8Array[] = [];
  const documents: ManifestDocument[] = [];
  for (const doc of options.documents) {
    if (!doc.name.startsWith(`${options.workspace.id}/`)) throw new TypeError(`${doc.name} is not a document of workspace ${options.workspace.id}`);
    const payload = doc.since ? Y.diffUpdate(doc.state, doc.since) : doc.state;
    payloads.push(payload);
    const entry: ManifestDocument = {
      name: doc.name,
      base: doc.since ? { stateVector: toBase64Url(doc.since) } : "everything",
      bytes: payload.length,
      sha256: sha256Hex(payload),
    };
    if (doc.authors) entry.authors = doc.authors;
    documents.push(entry);
  }
  const manifest: SyncFileManifest = {
    format: SYNC_FILE_FORMAT,
    workspace: { id: options.workspace.id, name: options.workspace.name },
    createdAt: options.now ?? Date.now(),
    createdBy: { kind: options.signer.kind, name: options.signer.name, keyId: keyIdOf(publicKeyOf(options.signer.secretKey)) },
    documents,
  };
  const manifestBytes = utf8.encode(JSON.stringify(manifest));
  const signatureBytes = utf8.encode(JSON.stringify(signManifest(options.signer, manifestBytes)));
  return { file: encodeContainer(manifestBytes, signatureBytes, payloads), manifest };
}

/** The state vector a manifest entry was cut against, or null for "everything". */
export function baseStateVector(entry: ManifestDocument): Uint8Array | null {
  return entry.base === "everything" ? null : fromBase64Url(entry.base.stateVector);
}
