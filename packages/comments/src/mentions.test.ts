import { describe, expect, it } from "vitest";
import { findMentions, mentionCandidates } from "./mentions.ts";

const members = [
  { sub: "u1", name: "Ann" },
  { sub: "u2", name: "Ann Lee" },
  { sub: "u3", name: "Anna" },
];

describe("mentions", () => {
  it("matches the longest name, case-insensitively, at a word boundary, each member once", () => {
    expect(findMentions("@ann lee and @Ann, again @ann lee", members)).toEqual(["u2", "u1"]);
    expect(findMentions("@Annabel is nobody", members)).toEqual([]);
    expect(findMentions("@anna!", members)).toEqual(["u3"]);
    expect(findMentions("no mention", members)).toEqual([]);
  });

  it("offers candidates by prefix", () => {
    expect(mentionCandidates("ann", members).map((m) => m.sub)).toEqual(["u1", "u2", "u3"]);
    expect(mentionCandidates("ann ", members).map((m) => m.sub)).toEqual(["u2"]);
  });
});
