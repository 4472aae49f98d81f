import { describe, expect, it } from "vitest";
import { applyDocumentLanguage, directionOf, normalizeLanguageTag } from "./document-direction.ts";

describe("directionOf", () => {
  it("is rtl for Arabic in any region, ltr for the other shipped languages", () => {
    for (const tag of ["ar", "ar-EG", "AR", "ar_MA"]) expect(directionOf(tag), tag).toBe("rtl");
    for (const tag of ["en", "en-US", "fr", "es-419", "pt-BR", "sw", "sw-KE"]) expect(directionOf(tag), tag).toBe("ltr");
  });
  it("is ltr for something that is not a language tag", () => {
    for (const tag of ["", " ", "arabic!", "<script>", "a"]) expect(directionOf(tag), tag).toBe("ltr");
  });
});

describe("normalizeLanguageTag", () => {
  it("keeps a tag, turns _ into -, and falls back to en for garbage", () => {
    expect(normalizeLanguageTag("pt-BR")).toBe("pt-BR");
    expect(normalizeLanguageTag(" ar_EG ")).toBe("ar-EG");
    expect(normalizeLanguageTag('en" onload="x')).toBe("en");
    expect(normalizeLanguageTag("")).toBe("en");
  });
});

describe("applyDocumentLanguage", () => {
  it("sets lang and dir on the root, and flips back", () => {
    const root = { lang: "en", dir: "" };
    expect(applyDocumentLanguage("ar", root)).toBe("rtl");
    expect(root).toEqual({ lang: "ar", dir: "rtl" });
    expect(applyDocumentLanguage("fr", root)).toBe("ltr");
    expect(root).toEqual({ lang: "fr", dir: "ltr" });
  });
});
