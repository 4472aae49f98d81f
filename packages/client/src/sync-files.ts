/**
 * @module sync-files
 * Sync files on this device (issue 14, item 3): "Save changes to a file" cuts a `.quire` of
 * every document of the workspace from the device's copies — no network needed — and "Load
 * changes from a file" validates a whole file, plans every document, and only then applies
 * the changes to the device copies; they reach the relay like any edit once online.
 *
 * Applying: an editor's open, loaded copy takes them directly (the page shows them at once);
 * any other doc through a replica that never connects (its device copy stores them), after
 * which background sync brings them to the relay in its sync handshake.
 */
import {
  type ImportPlan,
  type SyncFileLimits,
  planImport,
  readSyncFile,
  writeSyncFile,
} from "@quire/syncfile";
import * as Y from "yjs";
import { deviceCopyName } from "./device-copy-name.ts";
import { deviceKeyId, deviceSigningKey } from "./device-signing-key.ts";
import type { KeyValueStorage } from "./MembershipStore.ts";
import { openDeviceDatabase } from "./open-device-database.ts";
import { readDeviceCopy } from "./read-device-copy.ts";
import type { WorkspaceSession } from "./WorkspaceSession.ts";

/** Origin of the transactions that apply a file: a local edit, saved and sent like typing. */
export const SYNC_FILE_ORIGIN = Symbol("quire-sync-file");

export interface SyncFileOptions {
  indexedDB?: IDBFactory;
  /** Where the device's signing key is kept (default localStorage). */
  keyStorage?: KeyValueStorage | null;
  limits?: Partial<SyncFileLimits>;
}

/** Every doc of the workspace on this device: the index and each document it lists (trash too). */
function workspaceDocNames(session: WorkspaceSession): string[] {
  const ws = session.membership.workspace.id;
  return [...session.indexHandles().map((h) => h.docName), ...session.index.ids().map((id) => `${ws}/${id}`)];
}

/** This device's whole state of `docName`: its device copy plus what an open copy holds in memory. */
async function deviceState(session: WorkspaceSession, docName: string, indexedDB: IDBFactory | undefined): Promise<Uint8Array | null> {
  const parts: Uint8Array[] = [];
  const db = await openDeviceDatabase(deviceCopyName(session.membership, docName), indexedDB);
  try {
    // Untrusted rows: one that is not bytes is skipped, as DeviceStore does on load.
    for (const row of (await readDeviceCopy(db)).rows) if (row instanceof Uint8Array) parts.push(row);
  } finally {
    db.close();
  }
  const open = session.loadedHandle(docName);
  if (open) parts.push(Y.encodeStateAsUpdate(open.doc));
  return parts.length === 0 ? null : Y.mergeUpdates(parts);
}

/**
 * The workspace's changes as a signed `.quire` file: everything this device holds.
 * @example
 * const file = await exportFromDevice(session);
 * download(new Blob([file]), "class-5b.quire");
 */
export async function exportFromDevice(session: WorkspaceSession, options: SyncFileOptions = {}): Promise<Uint8Array> {
  await Promise.all(session.indexHandles().map((h) => h.whenLoaded));
  const indexedDB = options.indexedDB ?? globalThis.indexedDB;
  const documents = [];
  for (const name of workspaceDocNames(session)) {
    const state = await deviceState(session, name, indexedDB);
    if (state) documents.push({ name, state });
  }
  const { user, workspace } = session.membership;
  return writeSyncFile({
    workspace: { id: workspace.id, name: workspace.name },
    signer: { kind: "device", name: user.name, secretKey: deviceSigningKey(options.keyStorage) },
    documents,
  }).file;
}

/**
 * Validates `bytes` whole (throws SyncFileError, nothing applied), plans every document, then
 * applies what is new to the device copies and returns the report.
 */
export async function importToDevice(session: WorkspaceSession, bytes: Uint8Array, options: SyncFileOptions = {}): Promise<ImportPlan> {
  if (session.membership.role !== "editor") throw new Error("viewers cannot load changes");
  await Promise.all(session.indexHandles().map((h) => h.whenLoaded));
  const indexedDB = options.indexedDB ?? globalThis.indexedDB;
  const file = readSyncFile(bytes, {
    expectedWorkspace: session.membership.workspace.id,
    knownKeyIds: [deviceKeyId(options.keyStorage)],
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const plan = await planImport(file, (name) => deviceState(session, name, indexedDB));
  for (const change of plan.documents) {
    if (change.update) await applyToDevice(session, change.name, change.update);
  }
  return plan;
}

async function applyToDevice(session: WorkspaceSession, docName: string, update: Uint8Array): Promise<void> {
  const open = session.loadedHandle(docName);
  if (open) {
    Y.applyUpdate(open.doc, update, SYNC_FILE_ORIGIN);
    return;
  }
  const replica = session.offlineReplica(docName);
  replica.start();
  await replica.whenLoaded;
  Y.applyUpdate(replica.doc, update, SYNC_FILE_ORIGIN);
  await replica.close(); // Resolves once the device copy committed the write.
  session.syncSoon(docName.slice(docName.indexOf("/") + 1));
}
