import { describe, expect, it } from "vitest";
import { formatBytes, parseStorageUsage } from "./storage-usage.ts";

describe("parseStorageUsage", () => {
  it("accepts the relay's answer, with or without quotas", () => {
    const answer = { workspace: { usedBytes: 1200, quotaBytes: 268435456 }, member: { usedBytes: 300, quotaBytes: null } };
    expect(parseStorageUsage(answer)).toEqual(answer);
  });
  it("refuses anything else", () => {
    for (const bad of [null, "x", {}, { workspace: { usedBytes: -1, quotaBytes: null }, member: { usedBytes: 0, quotaBytes: null } }, { workspace: { usedBytes: 1, quotaBytes: 0 }, member: { usedBytes: 0, quotaBytes: null } }, { workspace: { usedBytes: "1", quotaBytes: null }, member: { usedBytes: 0, quotaBytes: null } }]) {
      expect(parseStorageUsage(bad)).toBeNull();
    }
  });
});

describe("formatBytes", () => {
  it("uses the unit a person reads", () => {
    expect(formatBytes(800)).toBe("800 bytes");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(256 * 1024 * 1024)).toBe("256 MB");
    expect(formatBytes(3 * 1024 * 1024 * 1024)).toBe("3.0 GB");
  });
});
