import { describe, expect, it } from "vitest";
import { presenceColor, userColor } from "./user-color.ts";

describe("presenceColor", () => {
  it("accepts #rrggbb only", () => {
    expect(presenceColor("#1971c2")).toBe("#1971c2");
    expect(presenceColor("#1971C2")).toBe("#1971C2");
    expect(userColor("someone").color).toMatch(/^#[0-9a-f]{6}$/);
    expect(presenceColor(userColor("someone").color)).toBe(userColor("someone").color);
  });

  it("refuses anything CSS could read as more than a colour (security review S4)", () => {
    for (const value of [
      "rgb(0 0 0) url(http://127.0.0.1:9/beacon)",
      "rgb(0,0,0)",
      "#fff",
      "#1971c2 url(x)",
      "#1971c2;background:url(x)",
      "red",
      "var(--x)",
      " #1971c2",
      "#1971c2\n",
      42,
      null,
      undefined,
      { toString: () => "#1971c2" },
    ]) {
      expect(presenceColor(value)).toBeNull();
    }
  });
});

describe("userColor contrast", () => {
  /** WCAG 2.x contrast ratio of `hex` against white. */
  function contrastWithWhite(hex: string): number {
    const channel = (i: number) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    return 1.05 / (luminance + 0.05);
  }

  it("gives every person a colour white initials and names can be read on (WCAG 1.4.3, 4.5:1)", () => {
    // The avatar's initials and the cursor's name label are white 12 px bold on this colour;
    // axe failed the Arabic workspace of e2e/right-to-left.test.ts on #0c8599 (4.34:1).
    const colours = new Set(Array.from({ length: 500 }, (_, i) => userColor(`u${i}`).color));
    expect(colours.size).toBeGreaterThanOrEqual(12);
    const low = [...colours].filter((c) => contrastWithWhite(c) < 4.5);
    expect(low).toEqual([]);
  });
});
