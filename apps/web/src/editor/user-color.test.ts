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
