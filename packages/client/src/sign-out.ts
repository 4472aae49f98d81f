/**
 * @module sign-out
 * Signing a person out of a workspace on this device removes their membership (their token)
 * and makes the next person on the device the one writing. It never drops unsaved work
 * silently: while any of their edits is not confirmed by the relay the sign-out is refused
 * and nothing changes — those edits can only ever be sent with this person's token.
 */
import type { Membership } from "./membership.ts";
import { memberKey } from "./membership.ts";
import type { MembershipStore } from "./MembershipStore.ts";
import { countUnsavedChanges } from "./unsaved-changes.ts";

export type SignOutResult =
  | { ok: true; next: Membership | undefined }
  | { ok: false; unsaved: number; registered: boolean };

export async function signOut(store: MembershipStore, m: Membership, factory: IDBFactory = globalThis.indexedDB): Promise<SignOutResult> {
  const unsaved = await countUnsavedChanges(m, factory);
  if (unsaved > 0) return { ok: false, unsaved, registered: m.registration === undefined };
  store.remove(m.workspace.id, memberKey(m));
  return { ok: true, next: store.get(m.workspace.id) };
}
