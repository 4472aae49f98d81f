/**
 * @module MembershipStore
 * The workspaces this device belongs to, kept in localStorage so the app opens offline without
 * asking again. What we read back is untrusted (another tab, an extension, an old version or a
 * half-written value may have put it there): every entry is validated and bad ones are dropped.
 *
 * A shared computer holds several people's memberships of one workspace, one per person
 * ({@link memberKey}); joining never replaces another person's. The first of a workspace's
 * entries is the person writing now ("Who is writing?"): only {@link setWriter} and adding a
 * new person change who that is — a token refresh replaces an entry where it stands, so a
 * late refresh of the previous writer cannot take the computer back.
 */
import { newDeviceKey } from "./local-workspace.ts";
import { type Membership, WORKSPACE_ID, memberKey, parseMembership } from "./membership.ts";

/** The part of the Web Storage API we use (localStorage in the app; any Storage in tests). */
export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const MEMBERSHIPS_KEY = "quire.memberships.v1";
/**
 * Shared by every store of the page: a session saving a refreshed or registered membership
 * through its own MembershipStore must still reach the UI's listeners.
 */
const listeners = new Set<() => void>();
const LAST_OPENED_KEY = "quire.lastOpened.v1";
/** A device belongs to few workspaces; the cap bounds what a corrupt entry can make us parse. */
export const MAX_MEMBERSHIPS = 100;

export class MembershipStore {
  private readonly storage: KeyValueStorage | null;
  /** Used when the browser has no usable localStorage: the app still works for this visit. */
  private memory: Map<string, string> | null = null;
  /** Used when the browser has no usable localStorage: the app still works for this visit. */
  /** @param storage default `globalThis.localStorage` (absent or blocked → in-memory only). */
  constructor(storage?: KeyValueStorage) {
    this.storage = storage ?? defaultStorage();
    if (!this.storage) this.memory = new Map();
  }

  list(): Membership[] {
    const raw = this.read(MEMBERSHIPS_KEY);
    if (raw === null) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return [];
    }
    if (!Array.isArray(parsed)) return [];
    const seen = new Set<string>();
    const result: Membership[] = [];
    for (const entry of parsed.slice(0, MAX_MEMBERSHIPS)) {
      const membership = parseMembership(entry);
      const key = membership ? `${membership.workspace.id} ${memberKey(membership)}` : "";
      if (membership && !seen.has(key)) {
        seen.add(key);
        result.push(membership);
      }
    }
    return result;
  }

  /** One membership per workspace: the person writing in it now on this device. */
  workspaces(): Membership[] {
    const seen = new Set<string>();
    return this.list().filter((m) => !seen.has(m.workspace.id) && Boolean(seen.add(m.workspace.id)));
  }

  /** The person writing in `workspaceId` now on this device. */
  get(workspaceId: string): Membership | undefined {
    return this.list().find((m) => m.workspace.id === workspaceId);
  }

  /** Everyone who uses this device in `workspaceId`, the person writing now first. */
  members(workspaceId: string): Membership[] {
    return this.list().filter((m) => m.workspace.id === workspaceId);
  }

  /**
   * Replaces the stored membership of the same person (a refreshed token, a registration), or
   * adds a new person as the one writing now. Throws on an invalid membership.
   */
  save(m: Membership): void {
    const valid = parseMembership(m);
    if (!valid) throw new TypeError("refusing to store an invalid membership");
    const all = this.list();
    const at = all.findIndex((x) => sameMember(x, valid));
    if (at >= 0) all[at] = valid;
    else all.unshift(valid);
    this.write(MEMBERSHIPS_KEY, JSON.stringify(all.slice(0, MAX_MEMBERSHIPS)));
    this.notify();
  }

  /**
   * Adds a person who just joined (or created) `m.workspace.id` on this device as the one
   * writing now, keeping everyone else's membership. When others of that workspace are here
   * already, the newcomer gets device copies of their own (see device-copy-name.ts).
   * Returns what was stored.
   */
  add(m: Membership): Membership {
    const added = this.members(m.workspace.id).length > 0 && m.deviceKey === undefined ? { ...m, deviceKey: newDeviceKey() } : m;
    this.save(added);
    return added;
  }

  /** Makes `key` ({@link memberKey}) the person writing in `workspaceId`. */
  setWriter(workspaceId: string, key: string): void {
    const all = this.list();
    const at = all.findIndex((x) => x.workspace.id === workspaceId && memberKey(x) === key);
    if (at < 0) throw new TypeError("no such person on this device");
    const [writer] = all.splice(at, 1);
    this.write(MEMBERSHIPS_KEY, JSON.stringify([writer, ...all]));
    this.notify();
  }

  /** Removes one person's membership (`key`), or every membership of the workspace. */
  remove(workspaceId: string, key?: string): void {
    const kept = this.list().filter((x) => x.workspace.id !== workspaceId || (key !== undefined && memberKey(x) !== key));
    this.write(MEMBERSHIPS_KEY, JSON.stringify(kept));
    if (this.lastOpened() === undefined) this.delete(LAST_OPENED_KEY);
    this.notify();
  }

  /**
   * Calls `listener` after any change of the memberships, in this tab or (through the
   * `storage` event) another tab of this device. Returns the unsubscribe function.
   */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key === MEMBERSHIPS_KEY) listener();
    };
    const target = globalThis as { addEventListener?: typeof addEventListener; removeEventListener?: typeof removeEventListener };
    target.addEventListener?.("storage", onStorage);
    return () => {
      this.listeners.delete(listener);
      target.removeEventListener?.("storage", onStorage);
    };
  }

  private get listeners(): Set<() => void> {
    return listeners;
  }

  private notify(): void {
    for (const listener of [...listeners]) listener();
  }

  /** The workspace opened last, if this device still belongs to it. */
  lastOpened(): string | undefined {
    const id = this.read(LAST_OPENED_KEY);
    if (id === null || !WORKSPACE_ID.test(id)) return undefined;
    return this.get(id) ? id : undefined;
  }

  setLastOpened(workspaceId: string): void {
    if (!WORKSPACE_ID.test(workspaceId)) throw new TypeError("not a workspace id");
    this.write(LAST_OPENED_KEY, workspaceId);
  }

  private read(key: string): string | null {
    if (this.memory) return this.memory.get(key) ?? null;
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private write(key: string, value: string): void {
    if (this.memory) {
      this.memory.set(key, value);
      return;
    }
    // A full or blocked localStorage throws; the caller must know the membership is not kept.
    this.storage?.setItem(key, value);
  }

  private delete(key: string): void {
    if (this.memory) this.memory.delete(key);
    else this.storage?.removeItem(key);
  }
}

function defaultStorage(): KeyValueStorage | null {
  try {
    const storage = (globalThis as { localStorage?: Storage }).localStorage;
    return storage ?? null;
  } catch {
    return null; // Safari private mode and sandboxed iframes throw on access.
  }
}

function sameMember(a: Membership, b: Membership): boolean {
  return a.workspace.id === b.workspace.id && memberKey(a) === memberKey(b);
}
