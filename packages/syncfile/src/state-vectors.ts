/**
 * @module state-vectors
 * A receiver's state vectors as a small JSON file (`quire-state.json`): what a relay or device
 * already holds of each document of a workspace, carried to the exporter so the next `.quire`
 * file holds only what the receiver lacks (`sync-file export --since`).
 */
import { checkDocName, workspaceOf } from "@quire/core";
import { fromBase64Url, toBase64Url } from "./bytes.ts";
import { SyncFileError } from "./SyncFileError.ts";

export interface StateVectors {
  workspace: string;
  /** Doc name → Yjs state vector (encoded). */
  documents: Map<string, Uint8Array>;
}

const KIND = "quire-state-vectors";
/** A state vector holds one entry per client id that ever wrote the doc: ~10 bytes each. */
const MAX_STATE_FILE_CHARS = 16 * 1024 * 1024;

export function encodeStateVectors(value: StateVectors): string {
  const documents: Record<string, string> = {};
  for (const [name, sv] of [...value.documents].sort(([a], [b]) => (a < b ? -1 : 1))) documents[name] = toBase64Url(sv);
  return `${JSON.stringify({ kind: KIND, version: 1, workspace: value.workspace, documents }, null, 1)}\n`;
}

export function parseStateVectors(text: string): StateVectors {
  const bad = (why: string): never => {
    throw new SyncFileError("bad-manifest", `not a Quire state file: ${why}`);
  };
  if (text.length > MAX_STATE_FILE_CHARS) bad("too large");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    bad("not JSON");
  }
  const v = value as { kind?: unknown; version?: unknown; workspace?: unknown; documents?: unknown };
  if (v?.kind !== KIND || v.version !== 1) bad("unknown kind or version");
  if (typeof v.workspace !== "string" || !checkDocName(v.workspace).ok || v.workspace.includes("/")) bad("no valid workspace");
  const workspace = v.workspace as string;
  if (typeof v.documents !== "object" || v.documents === null) bad("no documents");
  const documents = new Map<string, Uint8Array>();
  for (const [name, encoded] of Object.entries(v.documents as Record<string, unknown>)) {
    if (!checkDocName(name).ok || workspaceOf(name) !== workspace) bad(`${name} is not a document of ${workspace}`);
    const sv = typeof encoded === "string" ? fromBase64Url(encoded) : null;
    if (!sv) bad(`the state vector of ${name} is not base64url`);
    documents.set(name, sv as Uint8Array);
  }
  return { workspace, documents };
}
