import "../hub/hub-strings.ts";
import { describe, expect, it } from "vitest";
import { saveStatusText } from "./save-status-text.ts";

describe("saveStatusText", () => {
  it("claims the relay only when the relay acknowledged", () => {
    expect(saveStatusText({ device: "saved", relay: "saved", pendingChanges: 0 }).text).toBe("Saved to the relay ✓");
    expect(saveStatusText({ device: "saved", relay: "pending", pendingChanges: 2 }).text).toMatch(/^Saved on this device · sending 2 changes/);
  });
  it("counts waiting changes while offline", () => {
    expect(saveStatusText({ device: "saved", relay: "offline", pendingChanges: 12 }).text).toBe("Offline — 12 changes waiting");
    expect(saveStatusText({ device: "saved", relay: "offline", pendingChanges: 1 }).text).toBe("Offline — 1 change waiting");
    expect(saveStatusText({ device: "saved", relay: "offline", pendingChanges: 0 }).text).toBe("Offline — saved on this device");
  });
  it("says why the relay refused the waiting changes", () => {
    const s = saveStatusText({ device: "saved", relay: "pending", pendingChanges: 1, error: "The relay's storage quota is used up." });
    expect(s).toEqual({ text: "The relay's storage quota is used up.", tone: "error" });
    // Between the refusal and the retry the socket is closed: the reason still shows, unless
    // the browser has no network at all.
    const waiting = { device: "saved", relay: "offline", pendingChanges: 1, error: "The relay's storage quota is used up." } as const;
    expect(saveStatusText(waiting, true).text).toBe("The relay's storage quota is used up.");
    expect(saveStatusText(waiting, false).text).toBe("Offline — 1 change waiting");
    // Once the relay saved everything, an old refusal is no longer news.
    expect(saveStatusText({ device: "saved", relay: "saved", pendingChanges: 0, error: "old" }).text).toBe("Saved to the relay ✓");
  });
  it("tells no network from a relay that does not answer", () => {
    const waiting = { device: "saved", relay: "offline", pendingChanges: 3 } as const;
    expect(saveStatusText(waiting, true).text).toBe("Can't reach the relay — 3 changes waiting");
    expect(saveStatusText({ ...waiting, pendingChanges: 0 }, true).text).toBe("Can't reach the relay — saved on this device");
    expect(saveStatusText(waiting, false).text).toBe("Offline — 3 changes waiting");
  });
  it("puts a device write failure first", () => {
    const s = saveStatusText({ device: "error", relay: "saved", pendingChanges: 0, error: "the device is full" });
    expect(s).toEqual({ text: "Not saved on this device: the device is full", tone: "error" });
  });
  it("names the level reached on a classroom hub: hub, then school server (issue 14)", () => {
    expect(saveStatusText({ device: "saved", relay: "saved", pendingChanges: 0, upstream: "pending" }).text).toBe("Saved to the classroom hub ✓");
    expect(saveStatusText({ device: "saved", relay: "saved", pendingChanges: 0, upstream: "saved" }).text).toBe("Saved to the school server ✓");
    // Not yet on the hub: the hub level is not claimed, whatever the school server had before.
    expect(saveStatusText({ device: "saved", relay: "pending", pendingChanges: 1, upstream: "saved" }).text).toMatch(/sending 1 change/);
  });
  it("read-only: waiting changes stay on the device, never 'sending' (issue 13)", () => {
    const kept = { device: "saved", relay: "kept", pendingChanges: 1, error: "The teacher locked this document." } as const;
    expect(saveStatusText(kept, true).text).toBe("Read-only — 1 change kept on this device, not sent");
    expect(saveStatusText({ ...kept, pendingChanges: 3 }, false).text).toBe("Read-only — 3 changes kept on this device, not sent");
  });
});
