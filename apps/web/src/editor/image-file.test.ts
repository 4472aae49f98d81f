import { describe, expect, it } from "vitest";
import { MAX_IMAGE_BYTES, checkImageFile, isImageDataUrl } from "./image-file.ts";

describe("checkImageFile", () => {
  it("accepts a small PNG", () => {
    expect(checkImageFile({ name: "a.png", type: "image/png", size: 2000 })).toEqual({ ok: true });
  });
  it("refuses a picture over the limit with a message that says what to do", () => {
    const check = checkImageFile({ name: "photo.jpg", type: "image/jpeg", size: MAX_IMAGE_BYTES + 1 });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(/at most 1 MB/);
  });
  it("refuses SVG and other types", () => {
    expect(checkImageFile({ name: "x.svg", type: "image/svg+xml", size: 10 }).ok).toBe(false);
    expect(checkImageFile({ name: "x.pdf", type: "application/pdf", size: 10 }).ok).toBe(false);
  });
});

describe("isImageDataUrl", () => {
  it("accepts base64 image data URLs only", () => {
    expect(isImageDataUrl("data:image/png;base64,iVBORw0KGgo=")).toBe(true);
    expect(isImageDataUrl("data:image/svg+xml;base64,PHN2Zz4=")).toBe(false);
    expect(isImageDataUrl("javascript:alert(1)")).toBe(false);
    expect(isImageDataUrl("https://example.com/a.png")).toBe(false);
  });
});
