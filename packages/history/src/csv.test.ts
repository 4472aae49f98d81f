import { describe, expect, it } from "vitest";
import type { Contribution } from "./contributions.ts";
import { contributionsCsv, csvCell } from "./csv.ts";

const row = (over: Partial<Contribution>): Contribution => ({
  userId: "u1",
  name: "Ann",
  inserted: 10,
  surviving: 8,
  deletedByThem: 2,
  removedByOthers: 1,
  sessions: 1,
  firstEditAt: Date.UTC(2026, 10, 1, 9),
  lastEditAt: Date.UTC(2026, 10, 1, 10),
  offlineRecords: 0,
  offlineInserted: 0,
  pastes: [{ seq: 3, at: 0, chars: 120 }],
  ...over,
});

describe("contribution CSV", () => {
  it("quotes per RFC 4180 and ends lines with CRLF", () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    const csv = contributionsCsv([row({ name: "Lee, Sam" })]);
    expect(csv).toBe(
      "userId,name,inserted,surviving,deletedByThem,removedByOthers,sessions,firstEditAt,lastEditAt,offlineRecords,offlineInserted,pastes,pastedChars\r\n" +
        'u1,"Lee, Sam",10,8,2,1,1,2026-11-01T09:00:00.000Z,2026-11-01T10:00:00.000Z,0,0,1,120\r\n',
    );
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    for (const evil of ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]) {
      expect(csvCell(evil).replace(/^"/, "").startsWith("'")).toBe(true);
    }
    expect(contributionsCsv([row({ name: "=1+1", userId: "-u" })]).split("\r\n")[1]?.startsWith("'-u,'=1+1,")).toBe(true);
    expect(csvCell(-5)).toBe("-5"); // numbers are ours, not text
    expect(csvCell(null)).toBe("");
  });
});
