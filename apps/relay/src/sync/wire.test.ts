import { describe, expect, it } from "vitest";
import { closeReason } from "./wire.ts";

describe("closeReason", () => {
  it("keeps short reasons and trims long ones to 123 UTF-8 bytes without splitting characters", () => {
    expect(closeReason("short")).toBe("short");
    const long = closeReason("é".repeat(200));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(123);
    expect(long.endsWith("…")).toBe(true);
    expect(long).not.toContain("\uFFFD");
  });
});
