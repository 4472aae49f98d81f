/**
 * @module @quire/syncfile
 * Sync files (`.quire`): a workspace's changes carried on a USB stick (issue 14, item 3).
 * Export what a receiver lacks (or everything), signed; validate a whole file before applying
 * anything; plan an idempotent merge per document with an exact report. No DOM, no Node APIs:
 * the relay's CLI and the web app use the same code.
 */
export { SYNC_FILE_LIMITS } from "./limits.ts";
export type { SyncFileLimits } from "./limits.ts";
export { SyncFileError } from "./SyncFileError.ts";
export type { SyncFileErrorCode } from "./SyncFileError.ts";
export { SYNC_FILE_FORMAT } from "./manifest.ts";
export type { ManifestAuthor, ManifestDocument, SyncFileManifest } from "./manifest.ts";
export { MAGIC as SYNC_FILE_MAGIC } from "./container.ts";
export { generateDeviceKey, keyIdOf, publicKeyOf } from "./signature.ts";
export type { SyncFileSigner } from "./signature.ts";
export { baseStateVector, writeSyncFile } from "./write-sync-file.ts";
export type { ExportDocument, ExportOptions } from "./write-sync-file.ts";
export { readSyncFile } from "./read-sync-file.ts";
export type { ReadOptions, SignedBy, VerifiedDocument, VerifiedSyncFile } from "./read-sync-file.ts";
export { planDocumentMerge } from "./plan-merge.ts";
export type { DocumentChange } from "./plan-merge.ts";
export { planImport } from "./plan-import.ts";
export type { ImportPlan } from "./plan-import.ts";
export { encodeStateVectors, parseStateVectors } from "./state-vectors.ts";
export type { StateVectors } from "./state-vectors.ts";
export { fromBase64Url, toBase64Url } from "./bytes.ts";
