/**
 * @module read-sync-file
 * Validates a whole `.quire` file before anyone applies any of it: container framing and
 * lengths, format version, manifest fields and budgets, the signature over the manifest, every
 * payload's exact size and SHA-256, and that every update decodes on a scratch doc within its
 * time budget. Any failure throws one SyncFileError; nothing has been applied by then.
 */
import * as Y from "yjs";
import { createQuireDoc } from "@quire/core";
import { sha256Hex } from "./bytes.ts";
import { decodeContainer, parseJsonPart } from "./container.ts";
import { SYNC_FILE_LIMITS, type SyncFileLimits } from "./limits.ts";
import { type ManifestDocument, type SyncFileManifest, parseManifest } from "./manifest.ts";
import { verifyManifest } from "./signature.ts";
import { SyncFileError } from "./SyncFileError.ts";
import { monotonicMs } from "./clock.ts";

export interface ReadOptions {
  limits?: Partial<SyncFileLimits>;
  /** Refuse a file of another workspace (the one being imported into). */
  expectedWorkspace?: string;
  /** Key ids (RFC 7638 thumbprints) the importer knows: its relay's JWKS, its own device key. */
  knownKeyIds?: Iterable<string>;
}

/** Who signed a file, as far as the verifier can tell. */
export interface SignedBy {
  kind: "relay" | "device";
  /** The name the signer gave itself (signed, but only as trustworthy as the key is known). */
  name: string;
  keyId: string;
  /** Whether `keyId` is one of `knownKeyIds`; an unknown key proves integrity, not identity. */
  known: boolean;
}

export interface VerifiedDocument extends ManifestDocument {
  update: Uint8Array;
}

export interface VerifiedSyncFile {
  manifest: SyncFileManifest;
  signedBy: SignedBy;
  documents: VerifiedDocument[];
}

export function readSyncFile(file: Uint8Array, options: ReadOptions = {}): VerifiedSyncFile {
  const limits: SyncFileLimits = { ...SYNC_FILE_LIMITS, ...options.limits };
  const parts = decodeContainer(file, limits);
  const manifest = parseManifest(parseJsonPart(parts.manifestBytes, "manifest"), limits);
  let signatureJson: unknown;
  try {
    signatureJson = parseJsonPart(parts.signatureBytes, "signature");
  } catch {
    throw new SyncFileError("bad-signature", "the signature block is damaged");
  }
  const check = verifyManifest(signatureJson, parts.manifestBytes);
  if (!check.ok) throw new SyncFileError("bad-signature", check.reason);
  if (check.block.keyId !== manifest.createdBy.keyId) throw new SyncFileError("bad-signature", "the manifest names another key than the one that signed it");
  if (options.expectedWorkspace !== undefined && manifest.workspace.id !== options.expectedWorkspace) {
    throw new SyncFileError(
      "wrong-workspace",
      `this file holds changes of workspace "${manifest.workspace.name}" (${manifest.workspace.id}), not of ${options.expectedWorkspace}`,
    );
  }
  let declared = 0;
  for (const doc of manifest.documents) declared += doc.bytes;
  const present = file.length - parts.payloadOffset;
  if (present < declared) throw new SyncFileError("truncated", `the file holds ${present} of the ${declared} payload bytes its manifest declares: it was cut short`);
  if (present > declared) throw new SyncFileError("bad-manifest", `the file has ${present - declared} bytes more than its manifest declares`);
  const documents: VerifiedDocument[] = [];
  let offset = parts.payloadOffset;
  for (const doc of manifest.documents) {
    const update = file.subarray(offset, offset + doc.bytes);
    offset += doc.bytes;
    if (sha256Hex(update) !== doc.sha256) throw new SyncFileError("hash-mismatch", `the changes of ${doc.name} do not match their checksum: the file is damaged`);
    decodeWithinBudget(doc.name, update, limits);
    documents.push({ ...doc, update });
  }
  const known = new Set(options.knownKeyIds ?? []);
  const signedBy: SignedBy = { kind: manifest.createdBy.kind, name: manifest.createdBy.name, keyId: check.block.keyId, known: known.has(check.block.keyId) };
  return { manifest, signedBy, documents };
}

/** Budget for one update: base + per MiB (limits.ts). */
export function decodeBudgetMs(bytes: number, limits: SyncFileLimits): number {
  return limits.decodeBudgetMs + (limits.decodeBudgetMsPerMiB * bytes) / (1024 * 1024);
}

/**
 * Applies `update` to an empty scratch doc. Runs on the caller's thread, so a decoder that
 * hangs is noticed only when it returns; the relay CLI is its own process and the browser's
 * import its own task, so neither stalls other users (README, "What this does not do").
 */
function decodeWithinBudget(name: string, update: Uint8Array, limits: SyncFileLimits): void {
  const started = monotonicMs();
  try {
    const scratch = createQuireDoc();
    Y.applyUpdate(scratch, update);
    scratch.destroy();
  } catch (error) {
    throw new SyncFileError("bad-update", `the changes of ${name} do not decode: ${error instanceof Error ? error.message : String(error)}`);
  }
  const took = monotonicMs() - started;
  if (took > decodeBudgetMs(update.length, limits)) {
    throw new SyncFileError("over-budget", `decoding the changes of ${name} took ${Math.round(took)} ms, over the budget`);
  }
}
