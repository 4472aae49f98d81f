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

describe("MembershipStore on a shared computer", () => {
  const ws = "wabcdefghij";
  const ana = membership(ws, { user: { id: "u_ana", name: "Ana" }, owner: true, joinCodes: { editor: "ABCD-EFGH", viewer: "JKLM-NPQR" } });
  const ben = membership(ws, { user: { id: "u_ben", name: "Ben" } });

  it("keeps the first person's membership when a second joins the same workspace", () => {
    const store = new MembershipStore(new MapStorage());
    expect(store.add(ana).deviceKey).toBeUndefined(); // The first person keeps the plain device copies.
    const added = store.add(ben);
    expect(added.deviceKey).toMatch(/^[A-Za-z0-9_-]{8,32}$/); // Copies of their own.
    expect(store.members(ws).map((m) => m.user.name)).toEqual(["Ben", "Ana"]);
    expect(store.get(ws)?.user.name).toBe("Ben"); // The newcomer is writing now.
    expect(store.workspaces()).toHaveLength(1);
  });

  it("hands the computer over only on setWriter, never on a late token refresh of the previous writer", () => {
    const store = new MembershipStore(new MapStorage());
    store.add(ana);
    const benStored = store.add(ben);
    store.setWriter(ws, "u_ana");
    expect(store.get(ws)?.user.name).toBe("Ana");
    store.save({ ...benStored, token: "refreshed" }); // Ben's session refreshed just before he left.
    expect(store.get(ws)?.user.name).toBe("Ana");
    expect(store.members(ws).find((m) => m.user.id === "u_ben")?.token).toBe("refreshed");
    expect(() => store.setWriter(ws, "nobody")).toThrow();
  });

  it("signs out one person and keeps the others; removing the last forgets the workspace", () => {
    const store = new MembershipStore(new MapStorage());
    store.add(ana);
    const benStored = store.add(ben);
    store.setLastOpened(ws);
    store.remove(ws, "u_ana");
    expect(store.members(ws).map((m) => m.user.name)).toEqual(["Ben"]);
    expect(store.lastOpened()).toBe(ws);
    store.remove(ws, benStored.deviceKey);
    expect(store.members(ws)).toEqual([]);
    expect(store.lastOpened()).toBeUndefined();
  });

  it("tells listeners about changes made through any store of the page", () => {
    const storage = new MapStorage();
    const ui = new MembershipStore(storage);
    let calls = 0;
    const stop = ui.subscribe(() => calls++);
    new MembershipStore(storage).add(ana); // e.g. a session saving a registration
    expect(calls).toBe(1);
    stop();
    ui.add(ben);
    expect(calls).toBe(1);
  });

  it("keeps a workspace started offline (no token yet) and replaces it in place once registered", () => {
    const store = new MembershipStore(new MapStorage());
    const local = membership(ws, { token: "", deviceKey: "dk_12345678", registration: { key: "k".repeat(22) } });
    store.add(local);
    expect(store.get(ws)?.registration).toEqual({ key: "k".repeat(22) });
    store.add(membership("w0123456789"));
    store.setWriter(ws, "dk_12345678");
    const registered = { ...local, user: { id: "u_relay", name: "Ana" }, token: "t.oken" };
    delete (registered as Partial<Membership>).registration;
    store.save(registered); // Same person (same deviceKey), though the relay chose a new user id.
    expect(store.members(ws)).toHaveLength(1);
    expect(store.get(ws)).toMatchObject({ token: "t.oken", deviceKey: "dk_12345678", user: { id: "u_relay" } });
    // A token-less entry without a registration, or a malformed key, is refused.
    expect(() => store.save({ ...local, registration: undefined } as unknown as Membership)).toThrow(/invalid/);
    expect(() => store.save({ ...local, registration: { key: "short" } })).toThrow(/invalid/);
    expect(() => store.save({ ...local, deviceKey: "../x" })).toThrow(/invalid/);
  });
});
