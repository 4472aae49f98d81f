import { describe, expect, it } from "vitest";
import { REPLICA_TRANSITIONS, ReplicaLifecycle, type ReplicaState } from "./ReplicaLifecycle.ts";

const STATES = Object.keys(REPLICA_TRANSITIONS) as ReplicaState[];

/** Drives a fresh lifecycle into `state` along allowed transitions. */
function reach(state: ReplicaState): ReplicaLifecycle {
  const path: Record<ReplicaState, ReplicaState[]> = {
    idle: [],
    loading: ["loading"],
    syncing: ["loading", "syncing"],
    offline: ["loading", "offline"],
    unavailable: ["loading", "syncing", "unavailable"],
    denied: ["loading", "syncing", "denied"],
    destroyed: ["destroyed"],
  };
  const lifecycle = new ReplicaLifecycle();
  for (const step of path[state]) lifecycle.to(step);
  expect(lifecycle.state).toBe(state);
  return lifecycle;
}

// The whole table: every (from, to) pair, allowed or not. A change to the state machine must
// change this table on purpose.
const ALLOWED: [ReplicaState, ReplicaState][] = [
  ["idle", "loading"],
  ["idle", "destroyed"],
  ["loading", "syncing"],
  ["loading", "offline"],
  ["loading", "denied"],
  ["loading", "destroyed"],
  ["syncing", "offline"],
  ["syncing", "unavailable"],
  ["syncing", "denied"],
  ["syncing", "destroyed"],
  ["offline", "syncing"],
  ["offline", "denied"],
  ["offline", "destroyed"],
  ["unavailable", "syncing"],
  ["unavailable", "offline"],
  ["unavailable", "denied"],
  ["unavailable", "destroyed"],
  ["denied", "destroyed"],
];
const isAllowed = (from: ReplicaState, to: ReplicaState) => ALLOWED.some(([f, t]) => f === from && t === to);
const pairs = STATES.flatMap((from) => STATES.map((to) => [from, to] as const));

describe("ReplicaLifecycle", () => {
  it("starts idle and not loaded", () => {
    const lifecycle = new ReplicaLifecycle();
    expect(lifecycle.state).toBe("idle");
    expect(lifecycle.loaded).toBe(false);
  });

  it.each(pairs.filter(([f, t]) => isAllowed(f, t)))("allows %s → %s", (from, to) => {
    const lifecycle = reach(from);
    expect(lifecycle.canMove(to)).toBe(true);
    lifecycle.to(to);
    expect(lifecycle.state).toBe(to);
  });

  it.each(pairs.filter(([f, t]) => !isAllowed(f, t)))("refuses %s → %s", (from, to) => {
    const lifecycle = reach(from);
    expect(lifecycle.canMove(to)).toBe(false);
    expect(() => lifecycle.to(to)).toThrow(`no transition ${from} → ${to}`);
    expect(lifecycle.state).toBe(from);
  });

  it("counts as loaded exactly after the device copy is applied and before destroy", () => {
    const loaded = STATES.filter((s) => reach(s).loaded);
    expect(loaded).toEqual(["syncing", "offline", "unavailable", "denied"]);
  });

  it("the exported table is the one tested here", () => {
    expect(pairs.filter(([f, t]) => REPLICA_TRANSITIONS[f].includes(t))).toEqual(pairs.filter(([f, t]) => isAllowed(f, t)));
  });
});
