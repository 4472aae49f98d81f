/**
 * @module MembershipStore
 * The workspaces this device belongs to, kept in localStorage so the app opens offline without
 * asking again. What we read back is untrusted (another tab, an extension, an old version or a
 * half-written value may have put it there): every entry is validated and bad ones are dropped.
 */
import { type Membership, WORKSPACE_ID, parseMembership } from "./membership.ts";

/** The part of the Web Storage API we use (localStorage in the app; any Storage in tests). */
export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const MEMBERSHIPS_KEY = "quire.memberships.v1";
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
      if (membership && !seen.has(membership.workspace.id)) {
        seen.add(membership.workspace.id);
        result.push(membership);
      }
    }
    return result;
  }

  get(workspaceId: string): Membership | undefined {
    return this.list().find((m) => m.workspace.id === workspaceId);
  }

  /** Adds or replaces the membership of `m.workspace.id`. Throws on an invalid membership. */
  save(m: Membership): void {
    const valid = parseMembership(m);
    if (!valid) throw new TypeError("refusing to store an invalid membership");
    const others = this.list().filter((x) => x.workspace.id !== valid.workspace.id);
    this.write(MEMBERSHIPS_KEY, JSON.stringify([valid, ...others].slice(0, MAX_MEMBERSHIPS)));
  }

  remove(workspaceId: string): void {
    this.write(MEMBERSHIPS_KEY, JSON.stringify(this.list().filter((x) => x.workspace.id !== workspaceId)));
    if (this.lastOpened() === workspaceId) this.delete(LAST_OPENED_KEY);
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
