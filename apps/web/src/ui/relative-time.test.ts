import { describe, expect, it } from "vitest";
import { relativeTime } from "./relative-time.ts";

const now = Date.UTC(2026, 10, 25, 12, 0, 0);
const en = (then: number): string => relativeTime(then, now, "en", "just now");

describe("relativeTime", () => {
  it("says the catalog's just now for the last minute and for clocks slightly ahead", () => {
    expect(en(now - 30_000)).toBe("just now");
    expect(en(now + 5_000)).toBe("just now");
    expect(relativeTime(now - 30_000, now, "fr", "à l’instant")).toBe("à l’instant");
  });
  it("counts minutes, hours and days in English", () => {
    expect(en(now - 5 * 60_000)).toBe("5 minutes ago");
    expect(en(now - 60_000)).toBe("1 minute ago");
    expect(en(now - 60 * 60_000)).toBe("1 hour ago");
    expect(en(now - 3 * 3_600_000)).toBe("3 hours ago");
    expect(en(now - 30 * 3_600_000)).toBe("yesterday");
    expect(en(now - 3 * 86_400_000)).toBe("3 days ago");
  });
  it("speaks the interface language, with its own plural rules", () => {
    expect(relativeTime(now - 5 * 60_000, now, "fr", "")).toBe("il y a 5 minutes");
    expect(relativeTime(now - 3 * 86_400_000, now, "es", "")).toBe("hace 3 días");
    expect(relativeTime(now - 30 * 3_600_000, now, "pt", "")).toBe("ontem");
    // Arabic has a dual: "two hours ago" is one word, not "2 hours".
    expect(relativeTime(now - 2 * 3_600_000, now, "ar", "")).toBe(new Intl.RelativeTimeFormat("ar", { numeric: "auto" }).format(-2, "hour"));
    expect(relativeTime(now - 2 * 3_600_000, now, "ar", "")).not.toMatch(/2|٢/);
  });
  it("falls back to a date after a week, in the language", () => {
    expect(en(now - 10 * 86_400_000)).toBe("Nov 15");
    expect(relativeTime(now - 10 * 86_400_000, now, "fr", "")).toBe("15 nov.");
    expect(en(now - 400 * 86_400_000)).toBe("Oct 21, 2025");
  });
});
