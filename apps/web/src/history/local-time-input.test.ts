import { describe, expect, it } from "vitest";
import { fromLocalInput, toLocalInput } from "./local-time-input.ts";

describe("local-time-input", () => {
  it("shows the minute holding a time, and reads a range that includes both ends", () => {
    const at = new Date(2026, 10, 30, 14, 7, 42, 500).getTime();
    const shown = toLocalInput(at);
    expect(shown).toBe("2026-11-30T14:07");
    const from = fromLocalInput(shown, "floor");
    const to = fromLocalInput(shown, "ceil");
    expect(from).not.toBeNull();
    expect(from as number).toBeLessThanOrEqual(at);
    expect(to as number).toBeGreaterThanOrEqual(at);
    expect((to as number) - (from as number)).toBe(59_999);
  });
  it("refuses what is not a datetime-local value", () => {
    expect(fromLocalInput("", "floor")).toBeNull();
    expect(fromLocalInput("2026-11-30 14:07", "floor")).toBeNull();
    expect(fromLocalInput("yesterday", "ceil")).toBeNull();
  });
});
