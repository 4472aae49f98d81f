import { describe, expect, it } from "vitest";
import { COALESCE_WINDOW_MS, MAX_RANGES_PER_RECORD, canCoalesce } from "./coalescing.ts";

const open = { userId: "ann", name: "Ann", firstAt: 1_000, lastAt: 2_000, inserts: [{ client: 1, clock: 0, len: 5 }], deletes: [] };
const next = (over: object = {}) => ({ userId: "ann", name: "Ann", at: 2_500, inserts: [], deletes: [], ...over });

describe("canCoalesce", () => {
  it("extends a run of the same sender within the window", () => {
    expect(canCoalesce(open, next())).toBe(true);
    expect(canCoalesce(open, next({ at: 1_000 + COALESCE_WINDOW_MS }))).toBe(true);
  });

  it("starts a new record for another sender, a renamed sender, past the window, or out of order", () => {
    expect(canCoalesce(open, next({ userId: "ben" }))).toBe(false);
    expect(canCoalesce(open, next({ name: "Ann B." }))).toBe(false);
    expect(canCoalesce(open, next({ at: 1_001 + COALESCE_WINDOW_MS }))).toBe(false);
    expect(canCoalesce(open, next({ at: 1_999 }))).toBe(false);
  });

  it("never mixes a catch-up (offline work at reconnect) with live updates", () => {
    expect(canCoalesce(open, next({ catchUp: true }))).toBe(false);
    expect(canCoalesce({ ...open, catchUp: true }, next())).toBe(false);
    expect(canCoalesce({ ...open, catchUp: true }, next({ catchUp: true }))).toBe(true);
  });

  it("starts a new record once the ranges would pass the cap", () => {
    const full = { ...open, deletes: Array.from({ length: MAX_RANGES_PER_RECORD - 1 }, (_, i) => ({ client: 2, clock: i * 2, len: 1 })) };
    expect(canCoalesce(full, next())).toBe(true);
    expect(canCoalesce(full, next({ deletes: [{ client: 3, clock: 0, len: 1 }] }))).toBe(false);
  });
});
