/**
 * @quire/client carries the English of its own messages (it cannot import this app's catalog)
 * and uses it wherever no app registered a translator (bench, its own tests). Both copies must
 * say the same, and the app must have registered itself once instance.ts is loaded.
 */
import { CLIENT_MESSAGES_EN, describeWriteError } from "@quire/client";
import { describe, expect, it } from "vitest";
import { flattenCatalog } from "./catalog-keys.ts";
import { i18n } from "./instance.ts";
import en from "./locales/en.json";

describe("@quire/client's messages", () => {
  const catalog = flattenCatalog(en);
  it.each(Object.entries(CLIENT_MESSAGES_EN))("%s is in en.json with the same English", (key, english) => {
    expect(catalog.get(key)).toBe(english);
  });

  it("follow the interface language once instance.ts registered the app's translator", () => {
    i18n.addCatalog("fr", { deviceError: { writeFailed: "Échec (fr)" } });
    i18n.changeLanguage("fr");
    try {
      expect(describeWriteError(new Error("disk"))).toBe("Échec (fr)");
    } finally {
      i18n.changeLanguage("en");
    }
    expect(describeWriteError(new Error("disk"))).toBe(CLIENT_MESSAGES_EN["deviceError.writeFailed"]);
  });
});
