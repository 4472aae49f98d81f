import { describe, expect, it } from "vitest";
import { codeFromFragment, signInUrl } from "./sign-in-link.ts";

describe("sign-in link", () => {
  it("puts the code in the fragment and reads it back", () => {
    const url = signInUrl("https://quire.school.example/", "ABCDE-FGHJK");
    expect(url).toBe("https://quire.school.example/signin#ABCDE-FGHJK");
    expect(codeFromFragment(new URL(url).hash)).toBe("ABCDEFGHJK");
  });
  it("accepts a typed code in any case and refuses anything else", () => {
    expect(codeFromFragment("#abcde-fghjk")).toBe("ABCDEFGHJK");
    expect(codeFromFragment("")).toBeNull();
    expect(codeFromFragment("#ABCD-EFGH")).toBeNull();
    expect(codeFromFragment("#%E0%A4%A")).toBeNull();
    expect(codeFromFragment(`#${"A".repeat(40)}`)).toBeNull();
  });
});
