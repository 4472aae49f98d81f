import { describe, expect, it } from "vitest";
import { deriveSaveState, type SaveStateFacts } from "./save-state.ts";

const facts = (over: Partial<SaveStateFacts> = {}): SaveStateFacts => ({
  loaded: true,
  deviceError: null,
  connection: "online",
  pendingChanges: 0,
  relayError: null,
  readOnly: false,
  upstream: null,
  ...over,
});

describe("deriveSaveState", () => {
  it.each([
    [{ loaded: false }, { device: "loading", relay: "connecting" }],
    [{}, { device: "saved", relay: "saved" }],
    [{ pendingChanges: 2 }, { device: "saved", relay: "pending", pendingChanges: 2 }],
    [{ connection: "offline", pendingChanges: 2 }, { relay: "offline", pendingChanges: 2 }],
    [{ connection: "connecting" }, { relay: "connecting" }],
    [{ deviceError: "disk", relayError: "refused" }, { device: "error", error: "disk" }],
    [{ relayError: "refused" }, { device: "saved", error: "refused" }],
    // Read-only (issue 13): waiting changes are kept on the device, never "pending" (sending).
    [{ readOnly: true, pendingChanges: 1 }, { relay: "kept", pendingChanges: 1 }],
    [{ readOnly: true, pendingChanges: 1, connection: "offline" }, { relay: "kept" }],
    [{ readOnly: true }, { relay: "saved" }],
    // On a classroom hub (issue 14) the upstream level rides along; elsewhere it is absent.
    [{ upstream: "pending" }, { relay: "saved", upstream: "pending" }],
    [{ upstream: "saved" }, { relay: "saved", upstream: "saved" }],
  ] as const)("%o → %o", (given, expected) => {
    expect(deriveSaveState(facts(given), null)).toMatchObject(expected);
  });

  it("returns the previous object while nothing changed (useSyncExternalStore), a new one otherwise", () => {
    const first = deriveSaveState(facts({ pendingChanges: 1 }), null);
    expect(deriveSaveState(facts({ pendingChanges: 1 }), first)).toBe(first);
    expect(deriveSaveState(facts({ pendingChanges: 0 }), first)).not.toBe(first);
    expect("error" in deriveSaveState(facts(), null)).toBe(false);
    expect("upstream" in deriveSaveState(facts(), null)).toBe(false);
    const hub = deriveSaveState(facts({ upstream: "pending" }), null);
    expect(deriveSaveState(facts({ upstream: "saved" }), hub)).not.toBe(hub);
  });
});
