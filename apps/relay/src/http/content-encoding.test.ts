import { describe, expect, it } from "vitest";
import { chooseEncoding } from "./content-encoding.ts";

describe("chooseEncoding", () => {
  const both = ["br", "gzip"] as const;
  it("prefers brotli when the browser accepts both", () => {
    expect(chooseEncoding("gzip, deflate, br, zstd", both)).toBe("br");
    expect(chooseEncoding("*", both)).toBe("br");
  });
  it("honours q-values, q=0 meaning 'not acceptable'", () => {
    expect(chooseEncoding("br;q=0.5, gzip", both)).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0.1", both)).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0", both)).toBeNull();
    expect(chooseEncoding("*;q=0, gzip", both)).toBe("gzip");
    expect(chooseEncoding("gzip, *;q=0", both)).toBe("gzip");
  });
  it("chooses only what is on offer and what was asked for", () => {
    expect(chooseEncoding("br, gzip", ["gzip"])).toBe("gzip");
    expect(chooseEncoding("br", ["gzip"])).toBeNull();
    expect(chooseEncoding("x-gzip", both)).toBe("gzip");
    expect(chooseEncoding("br, gzip", [])).toBeNull();
  });
  it("treats a missing, identity-only or garbled header as 'send the file as it is'", () => {
    expect(chooseEncoding(undefined, both)).toBeNull();
    expect(chooseEncoding("", both)).toBeNull();
    expect(chooseEncoding("identity", both)).toBeNull();
    expect(chooseEncoding("br;q=2", both)).toBeNull();
    expect(chooseEncoding("br;q=abc, gzip;q=0.5", both)).toBe("gzip");
    expect(chooseEncoding("gzip;q=0.", both)).toBeNull();
    expect(chooseEncoding(" , ;, br ;q=1.000", both)).toBe("br");
  });
});
