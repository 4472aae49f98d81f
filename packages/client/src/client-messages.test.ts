import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_MESSAGES_EN, setClientTranslator, t } from "./client-messages.ts";

afterEach(() => setClientTranslator(null));

describe("client messages", () => {
  it("answer in English, placeholders filled, until an app registers its translator", () => {
    expect(t("deviceError.nearQuota", { percent: 85 })).toBe(CLIENT_MESSAGES_EN["deviceError.nearQuota"].replace("{{percent}}", "85"));
    expect(t("api.refused")).toContain("{{status}}"); // a missing parameter stays visible, as in the app's translator
  });

  it("use the registered translator at call time, and English again after it is removed", () => {
    setClientTranslator((key, params) => `${key}:${JSON.stringify(params ?? {})}`);
    expect(t("api.refused", { status: 418 })).toBe('api.refused:{"status":418}');
    setClientTranslator(null);
    expect(t("api.offline")).toBe(CLIENT_MESSAGES_EN["api.offline"]);
  });
});
