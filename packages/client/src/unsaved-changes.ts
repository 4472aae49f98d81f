/**
 * @module unsaved-changes
 * How many of one person's edits on this device the relay has not confirmed, summed over
 * their device copies of a workspace (the save-tracking state stored beside each copy's
 * updates, written in the same IndexedDB transaction as the edit and rewritten on every ack).
 * Signing out uses it: a person's unsaved edits can only be sent with their own token, so
 * removing the token while any are left would strand them (see device-copy-name.ts).
 *
 * Counts are an upper bound (an earlier session's edits are counted per client id): we may
 * refuse a sign-out a little too long, never let one through too early. A copy that cannot be
 * read counts as unsaved.
 */
import { isDeviceCopyOf } from "./device-copy-name.ts";
import type { Membership } from "./membership.ts";
import { CUSTOM, SYNC_STATE_KEY } from "./open-device-database.ts";
import { parsePersistedSyncState } from "./SaveTracker.ts";

/** Unconfirmed edits in `m`'s device copies of its workspace. */
export async function countUnsavedChanges(m: Membership, factory: IDBFactory = globalThis.indexedDB): Promise<number> {
  if (m.registration) return Number.POSITIVE_INFINITY; // Nothing of a workspace the relay does not know is saved there.
  const names = (await factory.databases())
    .map((info) => info.name)
    .filter((name): name is string => name !== undefined && isDeviceCopyOf(m, m.workspace.id, name));
  let total = 0;
  for (const name of names) total += await unsavedIn(name, factory);
  return total;
}

async function unsavedIn(name: string, factory: IDBFactory): Promise<number> {
  const stored = await new Promise<unknown>((resolve) => {
    const request = factory.open(name);
    request.onerror = () => resolve(undefined);
    request.onupgradeneeded = () => {
      // Gone since databases() listed it: nothing to lose. Abort so we do not create it.
      request.transaction?.abort();
      resolve(null);
    };
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(CUSTOM)) {
        db.close();
        return resolve(null);
      }
      const tx = db.transaction(CUSTOM, "readonly");
      const get = tx.objectStore(CUSTOM).get(SYNC_STATE_KEY);
      tx.oncomplete = () => {
        db.close();
        resolve(get.result ?? null);
      };
      tx.onabort = () => {
        db.close();
        resolve(undefined);
      };
    };
  });
  if (stored === null) return 0;
  const state = parsePersistedSyncState(stored);
  if (!state) return 1; // Unreadable: assume something is unsaved rather than lose it.
  return state.deletes + state.clients.reduce((sum, [, , count]) => sum + count, 0);
}
