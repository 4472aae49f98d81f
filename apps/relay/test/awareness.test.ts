import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { awarenessFrame, connectStockClient, openRaw, useRelay, waitFor, waitSynced } from "@quire/testkit";

const DOC = "w0000000008/d0000000001";
const relay = useRelay({ env: { MAX_AWARENESS_STATE_BYTES: "1024" } });

describe("awareness (presence)", () => {
  it("is relayed, including from viewers, and removed when a socket closes", async () => {
    // The relay relays the name in the token over any claimed one (security review S4).
    const editor = connectStockClient(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor", name: "Eve" }));
    const viewer = connectStockClient(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "viewer", name: "Teacher" }));
    const watcher = connectStockClient(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
    await Promise.all([editor, viewer, watcher].map((c) => waitSynced(c.provider)));
    editor.provider.awareness.setLocalStateField("user", { name: "Eve" });
    viewer.provider.awareness.setLocalStateField("user", { name: "Teacher" });
    const states = () => watcher.provider.awareness.getStates();
    await waitFor(() => states().get(editor.doc.clientID)?.user?.name === "Eve", 10_000, "editor presence");
    await waitFor(() => states().get(viewer.doc.clientID)?.user?.name === "Teacher", 10_000, "viewer presence");

    // Close the editor's socket without a goodbye message: the relay must remove its state.
    (editor.provider.ws as unknown as import("ws").WebSocket | null)?.terminate();
    (editor.provider as unknown as { shouldConnect: boolean }).shouldConnect = false;
    await waitFor(() => !states().has(editor.doc.clientID), 10_000, "editor presence removed");
    expect(states().get(viewer.doc.clientID)?.user?.name).toBe("Teacher");
    for (const c of [editor, viewer, watcher]) c.destroy();
  });

  it("echoes a client's own awareness back to it (keeps an idle stock provider's watchdog fed)", async () => {
    const raw = openRaw(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
    await raw.opened;
    await waitFor(() => raw.messages.length > 0, 10_000, "sync step 1");
    const before = raw.ofType(1).length;
    raw.send(awarenessFrame([{ client: 9191, clock: 1, state: JSON.stringify({ user: { name: "Solo" } }) }]));
    await waitFor(() => raw.ofType(1).length > before, 10_000, "own awareness echoed");
    raw.ws.close();
  });

  it("a new client receives the current states and query-awareness answers", async () => {
    const a = connectStockClient(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
    await waitSynced(a.provider);
    a.provider.awareness.setLocalStateField("user", { name: "Ada" });
    const raw = openRaw(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
    await raw.opened;
    await waitFor(() => raw.ofType(1).length > 0, 10_000, "initial awareness");
    const before = raw.ofType(1).length;
    raw.send(new Uint8Array([3]));
    await waitFor(() => raw.ofType(1).length > before, 10_000, "query-awareness answer");
    raw.ws.close();
    a.destroy();
  });

  it("drops entries for a client id another socket controls, and refuses an oversized state (4400)", async () => {
    const owner = openRaw(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor", name: "Owner" }));
    await owner.opened;
    owner.send(awarenessFrame([{ client: 4242, clock: 1, state: JSON.stringify({ user: { name: "Owner" } }) }]));
    const watcher = connectStockClient(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
    await waitFor(() => watcher.provider.awareness.getStates().get(4242)?.user?.name === "Owner", 10_000, "owner state");

    const hijacker = openRaw(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor", name: "Hijacker" }));
    await hijacker.opened;
    // Stock providers echo others' states, so this is dropped rather than fatal.
    hijacker.send(awarenessFrame([{ client: 4242, clock: 5, state: "null" }]));
    hijacker.send(awarenessFrame([{ client: 4242, clock: 6, state: JSON.stringify({ user: { name: "Mallory" } }) }]));
    hijacker.send(awarenessFrame([{ client: 5151, clock: 1, state: JSON.stringify({ user: { name: "Hijacker" } }) }]));
    await waitFor(() => watcher.provider.awareness.getStates().get(5151)?.user?.name === "Hijacker", 10_000, "hijacker's own state");
    expect(watcher.provider.awareness.getStates().get(4242)?.user?.name).toBe("Owner");
    hijacker.ws.close();
    await waitFor(() => !watcher.provider.awareness.getStates().has(5151), 10_000, "hijacker state removed on close");
    expect(watcher.provider.awareness.getStates().get(4242)?.user?.name).toBe("Owner");

    const bloater = openRaw(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
    await bloater.opened;
    bloater.send(awarenessFrame([{ client: 777, clock: 1, state: JSON.stringify({ junk: "x".repeat(2000) }) }]));
    const bloatClose = await bloater.closed;
    expect(bloatClose.code).toBe(CloseCode.BadMessage);
    expect(bloatClose.reason).toMatch(/awareness state larger than 1024 bytes/);
    expect(watcher.provider.awareness.getStates().has(777)).toBe(false);

    owner.ws.close();
    await waitFor(() => !watcher.provider.awareness.getStates().has(4242), 10_000, "owner removed on close");
    watcher.destroy();
  });
});
