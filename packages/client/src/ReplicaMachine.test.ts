/**
 * ReplicaMachine's decisions without a relay: each event's transition and what it asks the
 * replica to do. DocReplica.lifecycle.test.ts drives the same events through real sockets.
 */
import { CloseCode } from "@quire/core";
import { describe, expect, it } from "vitest";
import { ReplicaMachine } from "./ReplicaMachine.ts";

const close = (code: number, reason = "") => ({ code, reason }) as CloseEvent;

function syncing(): ReplicaMachine {
  const machine = new ReplicaMachine();
  expect(machine.start()).toBe(true);
  machine.loaded();
  expect(machine.state).toBe("syncing");
  return machine;
}

describe("ReplicaMachine", () => {
  it("starts once; loading ends in syncing, offline (the browser said so meanwhile) or denied", () => {
    const machine = new ReplicaMachine();
    expect(machine.start()).toBe(true);
    expect(machine.start()).toBe(false);
    expect(machine.offline()).toBe(true); // drop any socket; still loading
    expect(machine.state).toBe("loading");
    machine.loaded();
    expect(machine.state).toBe("offline");
    const denied = new ReplicaMachine();
    denied.start();
    expect(denied.deny({ kind: "removed" })).toBe(true);
    expect(denied.state).toBe("loading"); // the device copy is still read
    denied.loaded();
    expect(denied.state).toBe("denied");
  });

  it("online and offline move between syncing and offline and say when the socket is wanted", () => {
    const machine = syncing();
    expect(machine.offline()).toBe(true);
    expect(machine.state).toBe("offline");
    expect(machine.browserOffline).toBe(true);
    expect(machine.online()).toBe(true);
    expect(machine.state).toBe("syncing");
    expect(machine.destroy()).toBe(true);
    expect(machine.destroy()).toBe(false);
    expect(machine.online()).toBe(false);
    expect(machine.offline()).toBe(false); // nothing to drop once destroyed
  });

  it("a refusal the student must hear about makes it unavailable until a sync or a new token", () => {
    const machine = syncing();
    expect(machine.closed(close(CloseCode.QuotaExceeded))).toEqual({ deny: null, longestBackoff: true });
    expect(machine.state).toBe("unavailable");
    expect(machine.relayError).not.toBeNull();
    machine.synced();
    expect(machine.state).toBe("syncing");
    expect(machine.relayError).toBeNull();
    expect(machine.tokenChanged()).toBe(false); // no refusal: nothing to retry
    machine.closed(close(CloseCode.Unauthorized));
    expect(machine.closed(close(CloseCode.Unauthorized)).longestBackoff).toBe(false);
    expect(machine.tokenChanged()).toBe(true);
    expect(machine.state).toBe("syncing");
    expect(machine.closed(null)).toEqual({ deny: null, longestBackoff: false }); // the network, not the relay
    expect(machine.state).toBe("syncing");
  });

  it("4403 is a denial for good; 4533 only stops writing until the relay allows it again", () => {
    const machine = syncing();
    expect(machine.closed(close(CloseCode.ReadOnlyNow, "locked"))).toEqual({ deny: null, longestBackoff: false });
    expect(machine.refusal()).toEqual({ kind: "locked" });
    expect(machine.markReadOnly("locked")).toBe(false); // nothing changed
    expect(machine.allowWriting()).toBe(true);
    expect(machine.refusal()).toBeNull();
    const { deny } = machine.closed(close(CloseCode.Forbidden, "removed from this class"));
    expect(deny).toEqual({ kind: "removed" });
    expect(machine.deny(deny ?? { kind: "removed" })).toBe(true);
    expect(machine.state).toBe("denied");
    expect(machine.deny({ kind: "no-access" })).toBe(false);
    expect(machine.markReadOnly("read-only-role")).toBe(false);
    expect(machine.allowWriting()).toBe(false);
    expect(machine.online()).toBe(false); // no socket opens again
  });
});
