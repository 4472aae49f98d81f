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
    expect(formatBytes(1536)).toBe("1.5 kB");
    expect(formatBytes(256 * 1024 * 1024)).toBe("256 MB");
    expect(formatBytes(3 * 1024 * 1024 * 1024)).toBe("3.0 GB");
  });
  it("says number and unit in the interface language", () => {
    // French separates them with a no-break space (U+00A0 or U+202F, by unit).
    const plain = (bytes: number, locale: string) => formatBytes(bytes, locale).replace(/\s/g, " ");
    expect(plain(800, "fr")).toBe("800 octets");
    expect(plain(1536, "fr")).toBe("1,5 ko");
    expect(plain(256 * 1024 * 1024, "fr")).toBe("256 Mo");
    expect(plain(64 * 1024, "sw")).toBe("kilobaiti 64.0");
    expect(plain(800, "ar")).toBe("800 بايت");
  });
});
