import { describe, expect, it } from "vitest";
import { VersionUpdateCache } from "./VersionUpdateCache.ts";

describe("VersionUpdateCache", () => {
  it("keeps updates by doc and id up to its byte bound, least recently used out first", () => {
    const cache = new VersionUpdateCache(10);
    cache.set("w/a", "v1", new Uint8Array(4));
    cache.set("w/a", "v2", new Uint8Array(4));
    expect(cache.get("w/a", "v1")?.byteLength).toBe(4); // v1 is now the most recent
    cache.set("w/b", "v1", new Uint8Array(4)); // 12 bytes: v2 goes
    expect(cache.get("w/a", "v2")).toBeUndefined();
    expect(cache.get("w/a", "v1")).toBeDefined();
    expect(cache.get("w/b", "v1")).toBeDefined();
    cache.set("w/c", "big", new Uint8Array(11)); // larger than the whole cache: not kept
    expect(cache.get("w/c", "big")).toBeUndefined();
    expect(cache.get("w/b", "v1")).toBeDefined();
  });
});
