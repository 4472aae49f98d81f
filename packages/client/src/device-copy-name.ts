/**
 * @module device-copy-name
 * The IndexedDB database that holds one person's copy of one document on this device.
 *
 * On a shared computer every person writing in a workspace has their own device copies. A
 * copy holds the edits its person made that the relay has not saved yet; syncing a copy sends
 * those edits with the token of whoever is writing. Were copies shared, Ben's session would
 * send Ana's unsaved edits as Ben's (the relay binds a Yjs client id to the first user who
 * writes with it), so her words would be attributed to him, or his socket refused. Invariant:
 * a copy only ever syncs with its own person's token.
 *
 * The first person of a workspace on a device keeps the plain doc name (y-indexeddb's layout,
 * and every copy stored before shared computers existed); later people get `#<deviceKey>`.
 */
import type { Membership } from "./membership.ts";

export function deviceCopyName(m: Pick<Membership, "deviceKey">, docName: string): string {
  return m.deviceKey === undefined ? docName : `${docName}#${m.deviceKey}`;
}

/** Whether database `name` is one of `m`'s device copies of workspace `workspaceId`. */
export function isDeviceCopyOf(m: Pick<Membership, "deviceKey">, workspaceId: string, name: string): boolean {
  if (!name.startsWith(`${workspaceId}/`)) return false;
  const hash = name.indexOf("#");
  return m.deviceKey === undefined ? hash < 0 : hash >= 0 && name.slice(hash + 1) === m.deviceKey;
}
