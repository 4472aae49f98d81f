import { describe, expect, it } from "vitest";
import type { Membership } from "./membership.ts";
import { type KeyValueStorage, MembershipStore } from "./MembershipStore.ts";

/** A real Storage-shaped map (what localStorage is), so tests can plant corrupt bytes. */
class MapStorage implements KeyValueStorage {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

function membership(id: string, extra: Partial<Membership> = {}): Membership {
  return {
    workspace: { id, name: `Workspace ${id}` },
    user: { id: "u_1", name: "Ana" },
    role: "editor",
    owner: false,
    token: "t.oken",
    expiresAt: 1_900_000_000_000,
    ...extra,
  };
}

describe("MembershipStore", () => {
  it("saves, lists newest first, replaces, and removes memberships", () => {
    const store = new MembershipStore(new MapStorage());
    store.save(membership("wabcdefghij"));
    store.save(membership("w0123456789", { owner: true, joinCodes: { editor: "ABCD-EFGH", viewer: "JKLM-NPQR" } }));
    expect(store.list().map((m) => m.workspace.id)).toEqual(["w0123456789", "wabcdefghij"]);
    store.save(membership("wabcdefghij", { token: "new" }));
    expect(store.list()).toHaveLength(2);
    expect(store.get("wabcdefghij")?.token).toBe("new");
    expect(store.get("w0123456789")?.joinCodes).toEqual({ editor: "ABCD-EFGH", viewer: "JKLM-NPQR" });
    store.setLastOpened("wabcdefghij");
    expect(store.lastOpened()).toBe("wabcdefghij");
    store.remove("wabcdefghij");
    expect(store.get("wabcdefghij")).toBeUndefined();
    expect(store.lastOpened()).toBeUndefined();
  });

  it("survives corrupt and hostile stored bytes, keeping the valid entries", () => {
    const storage = new MapStorage();
    const store = new MembershipStore(storage);
    storage.setItem("quire.memberships.v1", "{not json");
    expect(store.list()).toEqual([]);
    storage.setItem("quire.memberships.v1", JSON.stringify({ a: 1 }));
    expect(store.list()).toEqual([]);
    const good = membership("wabcdefghij");
    storage.setItem(
      "quire.memberships.v1",
      JSON.stringify([
        null,
        42,
        { ...good, workspace: { id: "../evil", name: "x" } },
        { ...good, role: "admin" },
        { ...good, expiresAt: "soon" },
        { ...good, token: "" },
        { ...good, owner: "yes" },
        { ...good, joinCodes: { editor: 1 } },
        { ...good, user: { id: "u", name: "x".repeat(10_000) } },
        good,
        { ...good, token: "duplicate of the same workspace" },
      ]),
    );
    expect(store.list()).toEqual([good]);
    storage.setItem("quire.lastOpened.v1", "<script>");
    expect(store.lastOpened()).toBeUndefined();
    storage.setItem("quire.lastOpened.v1", "w9999999999"); // Valid shape, but not a membership.
    expect(store.lastOpened()).toBeUndefined();
  });

  it("refuses to store an invalid membership", () => {
    const store = new MembershipStore(new MapStorage());
    expect(() => store.save({ ...membership("wabcdefghij"), role: "owner" as "editor" })).toThrow(/invalid/);
    expect(() => store.setLastOpened("nope")).toThrow();
  });

  it("keeps working in memory when the browser has no localStorage", () => {
    const store = new MembershipStore();
    store.save(membership("wabcdefghij"));
    expect(store.get("wabcdefghij")?.user.name).toBe("Ana");
  });
});
