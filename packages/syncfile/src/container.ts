/**
 * @module container
 * The `.quire` byte layout (docs/protocol.md, "Sync files"):
 *
 *   magic (8)  89 51 53 46 0D 0A 1A 0A   "\x89QSF\r\n\x1a\n": binary, and a text-mode copy
 *                                       that rewrote line ends fails here, not later
 *   version    u32 big-endian (1)
 *   M          u32 big-endian, then the manifest: M bytes of UTF-8 JSON
 *   S          u32 big-endian, then the signature block: S bytes of UTF-8 JSON
 *   payloads   each document's Yjs update (v1), in manifest order, lengths from the manifest
 *
 * Nothing follows the last payload: the file's length must equal exactly what the header and
 * manifest declare, so a truncated or padded file is refused before any payload is read.
 * No compression: nothing can expand past its declared size (no zip bomb), and Yjs updates of
 * text are small next to a USB stick.
 */
import { concatBytes, readU32, utf8, writeU32 } from "./bytes.ts";
import type { SyncFileLimits } from "./limits.ts";
import { SyncFileError } from "./SyncFileError.ts";

export const MAGIC = new Uint8Array([0x89, 0x51, 0x53, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
export const CONTAINER_VERSION = 1;
const HEADER = MAGIC.length + 4 + 4;

export interface ContainerParts {
  manifestBytes: Uint8Array;
  signatureBytes: Uint8Array;
  /** Where the payloads start. */
  payloadOffset: number;
}

export function encodeContainer(manifestBytes: Uint8Array, signatureBytes: Uint8Array, payloads: readonly Uint8Array[]): Uint8Array {
  const head = new Uint8Array(HEADER);
  head.set(MAGIC, 0);
  writeU32(head, MAGIC.length, CONTAINER_VERSION);
  writeU32(head, MAGIC.length + 4, manifestBytes.length);
  const sigLength = new Uint8Array(4);
  writeU32(sigLength, 0, signatureBytes.length);
  return concatBytes([head, manifestBytes, sigLength, signatureBytes, ...payloads]);
}

/** Splits a file into its parts, checking magic, version and the declared lengths. */
export function decodeContainer(file: Uint8Array, limits: SyncFileLimits): ContainerParts {
  if (file.length > limits.maxFileBytes) {
    throw new SyncFileError("too-large", `the file is ${file.length} bytes, over the limit of ${limits.maxFileBytes}`);
  }
  if (file.length < MAGIC.length || MAGIC.some((byte, i) => file[i] !== byte)) {
    throw new SyncFileError("not-a-sync-file", "this is not a Quire sync file (.quire)");
  }
  if (file.length < HEADER) throw new SyncFileError("truncated", "the file ends inside its header: it was cut short");
  const version = readU32(file, MAGIC.length);
  if (version !== CONTAINER_VERSION) {
    throw new SyncFileError("unsupported-version", `sync file version ${version} is not supported (this version reads ${CONTAINER_VERSION})`);
  }
  const manifestLength = readU32(file, MAGIC.length + 4);
  if (manifestLength > limits.maxManifestBytes) {
    throw new SyncFileError("too-large", `the manifest declares ${manifestLength} bytes, over the limit of ${limits.maxManifestBytes}`);
  }
  const sigAt = HEADER + manifestLength;
  if (file.length < sigAt + 4) throw new SyncFileError("truncated", "the file ends inside its manifest: it was cut short");
  const signatureLength = readU32(file, sigAt);
  if (signatureLength > limits.maxSignatureBytes) {
    throw new SyncFileError("too-large", `the signature declares ${signatureLength} bytes, over the limit of ${limits.maxSignatureBytes}`);
  }
  const payloadOffset = sigAt + 4 + signatureLength;
  if (file.length < payloadOffset) throw new SyncFileError("truncated", "the file ends inside its signature: it was cut short");
  return {
    manifestBytes: file.subarray(HEADER, sigAt),
    signatureBytes: file.subarray(sigAt + 4, payloadOffset),
    payloadOffset,
  };
}

/** JSON from a part of the file; a part that is not UTF-8 JSON is a damaged file. */
export function parseJsonPart(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch {
    throw new SyncFileError("bad-manifest", `the ${what} is not valid JSON: the file is damaged`);
  }
}
