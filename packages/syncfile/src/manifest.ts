/**
 * @module manifest
 * The manifest of a `.quire` file: what it holds, for which workspace, cut against which state
 * of the receiver, who made it, and the SHA-256 of every payload. The signature covers the
 * manifest's exact bytes, so it covers every payload through these hashes.
 *
 * `parseManifest` is the trust boundary: every field is checked against its type, the doc-name
 * grammar and the budgets before anything else reads it.
 */
import { checkDocName, workspaceOf } from "@quire/core";
import { fromBase64Url } from "./bytes.ts";
import type { SyncFileLimits } from "./limits.ts";
import { SyncFileError } from "./SyncFileError.ts";

export const SYNC_FILE_FORMAT = 1;

/** One author of a document as the exporting relay recorded it (its provenance records). */
export interface ManifestAuthor {
  userId: string;
  name: string;
  /** Updates the relay accepted from this author and when the last one arrived (relay clock, ms). */
  updates: number;
  lastAt: number;
  /**
   * Yjs client ids this author wrote this document's payload under (the exporter's provenance;
   * a relay binds each id to one user, security S2). A classroom hub's upstream attributes
   * each struct by it (issue 14: who wrote each edit, not "the hub"). Absent in older files.
   */
  clients?: number[];
  /** Items of the payload's delete set this author deleted, as flat [client, clock, len] triples. */
  deletes?: number[];
}

export interface ManifestDocument {
  /** Full doc name, `<workspaceId>/<docId>` (the index is `<workspaceId>/index`). */
  name: string;
  /** What the payload was cut against: the receiver's state vector (base64url), or everything. */
  base: "everything" | { stateVector: string };
  /** Payload length in bytes and its SHA-256 (hex). */
  bytes: number;
  sha256: string;
  /** From a relay export: who wrote this document there (never used as a claim on import). */
  authors?: ManifestAuthor[];
}

export interface SyncFileManifest {
  format: typeof SYNC_FILE_FORMAT;
  workspace: { id: string; name: string };
  /** The exporter's clock (ms since the epoch): informational only, never trusted for ordering. */
  createdAt: number;
  createdBy: { kind: "relay" | "device"; name: string; keyId: string };
  documents: ManifestDocument[];
}

const MAX_NAME = 200;

function bad(message: string): never {
  throw new SyncFileError("bad-manifest", message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown, what: string): string {
  if (typeof value !== "string" || value.length > MAX_NAME) bad(`${what} must be a string of at most ${MAX_NAME} characters`);
  return value;
}

function count(value: unknown, what: string, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) bad(`${what} must be a whole number ≥ 0`);
  if (value > max) throw new SyncFileError("too-large", `${what} is ${value}, over the limit of ${max}`);
  return value;
}

/** Validates a parsed manifest against the format and `limits`; throws SyncFileError. */
export function parseManifest(value: unknown, limits: SyncFileLimits): SyncFileManifest {
  if (!isObject(value)) bad("the manifest is not an object");
  if (value.format !== SYNC_FILE_FORMAT) {
    throw new SyncFileError("unsupported-version", `manifest format ${String(value.format)} is not supported (this version reads ${SYNC_FILE_FORMAT})`);
  }
  const ws = value.workspace;
  if (!isObject(ws)) bad("the manifest has no workspace");
  const id = text(ws.id, "workspace id");
  if (!checkDocName(id).ok || id.includes("/")) bad("the workspace id is not valid");
  const workspace = { id, name: text(ws.name, "workspace name") };
  const createdAt = count(value.createdAt, "createdAt", Number.MAX_SAFE_INTEGER);
  const by = value.createdBy;
  if (!isObject(by) || (by.kind !== "relay" && by.kind !== "device")) bad("the manifest does not say who created it");
  const createdBy = { kind: by.kind as "relay" | "device", name: text(by.name, "creator name"), keyId: text(by.keyId, "creator key id") };
  if (!Array.isArray(value.documents)) bad("the manifest has no document list");
  if (value.documents.length > limits.maxDocuments) {
    throw new SyncFileError("too-large", `the file lists ${value.documents.length} documents, over the limit of ${limits.maxDocuments}`);
  }
  const seen = new Set<string>();
  const documents = value.documents.map((entry: unknown): ManifestDocument => {
    if (!isObject(entry)) bad("a document entry is not an object");
    const name = text(entry.name, "document name");
    if (!checkDocName(name).ok || workspaceOf(name) !== id) bad(`document ${JSON.stringify(name)} is not a document of workspace ${id}`);
    if (seen.has(name)) bad(`document ${name} is listed twice`);
    seen.add(name);
    let base: ManifestDocument["base"];
    if (entry.base === "everything") base = "everything";
    else if (isObject(entry.base) && typeof entry.base.stateVector === "string" && fromBase64Url(entry.base.stateVector) !== null) {
      base = { stateVector: entry.base.stateVector };
    } else bad(`document ${name} has no valid base`);
    const bytes = count(entry.bytes, `the size of ${name}`, limits.maxDocumentBytes);
    if (typeof entry.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(entry.sha256)) bad(`document ${name} has no valid SHA-256`);
    const doc: ManifestDocument = { name, base, bytes, sha256: entry.sha256 };
    if (entry.authors !== undefined) doc.authors = parseAuthors(entry.authors, name, limits);
    return doc;
  });
  return { format: SYNC_FILE_FORMAT, workspace, createdAt, createdBy, documents };
}

function parseAuthors(value: unknown, doc: string, limits: SyncFileLimits): ManifestAuthor[] {
  if (!Array.isArray(value)) bad(`the authors of ${doc} are not a list`);
  if (value.length > limits.maxAuthorsPerDocument) throw new SyncFileError("too-large", `${doc} lists more than ${limits.maxAuthorsPerDocument} authors`);
  return value.map((a: unknown) => {
    if (!isObject(a)) bad(`an author of ${doc} is not an object`);
    return {
      userId: text(a.userId, "author id"),
      name: text(a.name, "author name"),
      updates: count(a.updates, "author updates", Number.MAX_SAFE_INTEGER),
      lastAt: count(a.lastAt, "author lastAt", Number.MAX_SAFE_INTEGER),
      ...(a.clients === undefined ? {} : { clients: integers(a.clients, `the clients of an author of ${doc}`, limits.maxAuthorClients) }),
      ...(a.deletes === undefined ? {} : { deletes: triples(a.deletes, `the deletes of an author of ${doc}`, limits.maxAuthorDeleteRanges) }),
    };
  });
}

/** Yjs client ids and clocks are unsigned 53-bit-safe integers. */
function integers(value: unknown, what: string, max: number): number[] {
  if (!Array.isArray(value)) bad(`${what} are not a list`);
  if (value.length > max) throw new SyncFileError("too-large", `${what}: more than ${max}`);
  for (const n of value) if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) bad(`${what} must be whole numbers ≥ 0`);
  return value as number[];
}

function triples(value: unknown, what: string, maxRanges: number): number[] {
  const list = integers(value, what, maxRanges * 3);
  if (list.length % 3 !== 0) bad(`${what} must be [client, clock, len] triples`);
  return list;
}
