/** The relay's refusals in the teacher's words: each code the class API answers has its sentence. */
import { ApiError } from "@quire/client";
import { describe, expect, it } from "vitest";
import { t } from "../i18n/instance.ts";
import "./class-strings.ts";
import { classErrorText } from "./use-class-data.ts";

describe("classErrorText", () => {
  it.each([
    ["last_teacher", 409, "A class needs a teacher: make someone else a teacher first."],
    ["group_not_empty", 409, "This group still has documents. Move them to another group or the whole class first."],
    ["removed", 403, "Only a teacher of this class can see and change this page."],
    ["unknown_group", 400, "That group no longer exists. The page has been updated."],
  ])("%s", (code, status, text) => {
    expect(classErrorText(new ApiError(status, code, "relay words"), t)).toBe(text);
  });

  it("keeps the client's message for anything else, and never shows a raw error", () => {
    expect(classErrorText(new ApiError(0, "offline", "You are offline."), t)).toBe("You are offline.");
    expect(classErrorText(new TypeError("boom"), t)).toBe("Something went wrong. Try again.");
  });
});
