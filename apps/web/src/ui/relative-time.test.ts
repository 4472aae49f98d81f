import { describe, expect, it } from "vitest";
import { relativeTime } from "./relative-time.ts";

const now = Date.UTC(2026, 10, 25, 12, 0, 0);

describe("relativeTime", () => {
  it("says just now for the last minute and for clocks slightly ahead", () => {
    expect(relativeTime(now - 30_000, now)).toBe("just now");
    expect(relativeTime(now + 5_000, now)).toBe("just now");
  });
  it("counts minutes, hours and days", () => {
    expect(relativeTime(now - 5 * 60_000, now)).toBe("5 min ago");
    expect(relativeTime(now - 60 * 60_000, now)).toBe("1 hour ago");
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe("3 hours ago");
    expect(relativeTime(now - 30 * 3_600_000, now)).toBe("yesterday");
    expect(relativeTime(now - 3 * 86_400_000, now)).toBe("3 days ago");
  });
  it("falls back to a date after a week", () => {
    expect(relativeTime(now - 10 * 86_400_000, now)).toMatch(/15|Nov/);
  });
});
