import { describe, expect, it } from "vitest";
import { isSafeLinkUrl, normalizeLinkUrl } from "./link-url.ts";

describe("isSafeLinkUrl", () => {
  it("accepts web and mail links", () => {
    expect(isSafeLinkUrl("https://example.com/a?b=1")).toBe(true);
    expect(isSafeLinkUrl("http://example.com")).toBe(true);
    expect(isSafeLinkUrl("mailto:ana@school.org")).toBe(true);
  });
  it("refuses script and data URLs in any spelling", () => {
    for (const url of ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>", "vbscript:x", "file:///etc/passwd"]) {
      expect(isSafeLinkUrl(url), url).toBe(false);
    }
  });
  it("refuses text that is not a URL", () => {
    expect(isSafeLinkUrl("not a url")).toBe(false);
    expect(isSafeLinkUrl("")).toBe(false);
  });
});

describe("normalizeLinkUrl", () => {
  it("adds https to a bare host and mailto to an address", () => {
    expect(normalizeLinkUrl("example.com/page")).toBe("https://example.com/page");
    expect(normalizeLinkUrl("ana@school.org")).toBe("mailto:ana@school.org");
  });
  it("keeps allowed URLs and refuses the rest", () => {
    expect(normalizeLinkUrl("https://x.org")).toBe("https://x.org/");
    expect(normalizeLinkUrl("javascript:alert(1)")).toBeNull();
    expect(normalizeLinkUrl("hello")).toBeNull();
    expect(normalizeLinkUrl("   ")).toBeNull();
  });
});
