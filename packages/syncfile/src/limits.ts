/**
 * @module limits
 * Budgets for reading a `.quire` file. A file arrives from a USB stick or an upload, so every
 * size it declares is checked against these before anything is allocated or decoded, and the
 * whole file is validated before anything is applied. README "Resource limits" lists them.
 */

const MiB = 1024 * 1024;

export interface SyncFileLimits {
  /** Largest file read at all: a whole class's workspace with pictures fits, a disk-filler does not. */
  maxFileBytes: number;
  /** Largest manifest (JSON): ~200 bytes per document plus state vectors and authors. */
  maxManifestBytes: number;
  /** Largest signature block (JSON holding a 32-byte key and a 64-byte signature). */
  maxSignatureBytes: number;
  /** Documents in one file: a workspace of a class holds tens to hundreds. */
  maxDocuments: number;
  /** Largest update of one document: the relay's own MAX_UPDATE_BYTES default is 8 MiB per frame; a document's whole history may be bigger. */
  maxDocumentBytes: number;
  /** Time budget to decode one update on a scratch doc, plus `decodeBudgetMsPerMiB` per MiB (Yjs decoders have hung on malformed input: yjs#479, yjs#498, lib0#42). */
  decodeBudgetMs: number;
  decodeBudgetMsPerMiB: number;
  /** Authors listed per document in a relay's provenance section. */
  maxAuthorsPerDocument: number;
  /** Client ids listed per author: one per device and editor session (a Quire tab renews its id per doc load). */
  maxAuthorClients: number;
  /** Delete ranges listed per author (attribution of deletions; beyond it they go unattributed). */
  maxAuthorDeleteRanges: number;
}

export const SYNC_FILE_LIMITS: Readonly<SyncFileLimits> = Object.freeze({
  maxFileBytes: 256 * MiB,
  maxManifestBytes: 4 * MiB,
  maxSignatureBytes: 4096,
  maxDocuments: 5000,
  maxDocumentBytes: 64 * MiB,
  decodeBudgetMs: 2000,
  decodeBudgetMsPerMiB: 500,
  maxAuthorsPerDocument: 1000,
  maxAuthorClients: 10_000,
  maxAuthorDeleteRanges: 50_000,
});
