import { describe, expect, it } from "vitest";
import type { DocState } from "./doc-digest.ts";
import { DigestCache } from "./DigestCache.ts";

const state = (digest: string): DocState => ({ digest, sv: new Uint8Array(0) });

describe("DigestCache", () => {
  it("computes once until the document is invalidated", async () => {
    const cache = new DigestCache(60_000, () => 0);
    let computed = 0;
    const compute = async () => state(`d${++computed}`);
    expect((await cache.get("w/a", compute)).digest).toBe("d1");
    expect((await cache.get("w/a", compute)).digest).toBe("d1");
    cache.invalidate("w/a");
    expect((await cache.get("w/a", compute)).digest).toBe("d2");
    expect(computed).toBe(2);
  });

  it("does not keep a digest computed while the document changed", async () => {
    const cache = new DigestCache(60_000, () => 0);
    let computed = 0;
    const stale = await cache.get("w/a", async () => {
      cache.invalidate("w/a"); // a commit lands while the rows are read
      return state(`d${++computed}`);
    });
    expect(stale.digest).toBe("d1");
    expect((await cache.get("w/a", async () => state(`d${++computed}`))).digest).toBe("d2");
  });

  it("drops everything after maxAgeMs (writes no hook saw)", async () => {
    let now = 0;
    const cache = new DigestCache(1_000, () => now);
    let computed = 0;
    const compute = async () => state(`d${++computed}`);
    await cache.get("w/a", compute);
    now = 999;
    expect((await cache.get("w/a", compute)).digest).toBe("d1");
    now = 1_000;
    expect((await cache.get("w/a", compute)).digest).toBe("d2");
  });
});
