import { describe, expect, it } from "vitest";
import { matchShippedLanguage, pickLanguage, SHIPPED_LANGUAGES } from "./languages.ts";

describe("pickLanguage", () => {
  it("takes the device's remembered choice first", () => {
    expect(pickLanguage("fr", ["es-ES", "en-US"])).toBe("fr");
  });
  it("else the first of the browser's languages that ships, by its primary subtag", () => {
    expect(pickLanguage(null, ["de-DE", "pt-BR", "fr"])).toBe("pt");
    expect(pickLanguage(null, ["ar-EG"])).toBe("ar");
    expect(pickLanguage(null, ["SW_ke"])).toBe("sw");
  });
  it("ignores a remembered value that is not a shipped language", () => {
    expect(pickLanguage("xx", ["es"])).toBe("es");
    expect(pickLanguage('"><script>', [])).toBe("en");
  });
  it("falls back to English", () => {
    expect(pickLanguage(null, [])).toBe("en");
    expect(pickLanguage(null, ["de", "zh-CN"])).toBe("en");
  });
  it("matches only shipped codes", () => {
    for (const lang of SHIPPED_LANGUAGES) expect(matchShippedLanguage(`${lang}-XX`)).toBe(lang);
    expect(matchShippedLanguage("")).toBeNull();
    expect(matchShippedLanguage(undefined)).toBeNull();
  });
});
