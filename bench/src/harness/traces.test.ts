import { describe, expect, it } from "vitest";
import { expectedText, loadTrace } from "./traces.ts";

describe("traces", () => {
  it("replaying every op of seph-blog1 gives its endContent (the check every benchmark relies on)", () => {
    const trace = loadTrace("seph-blog1");
    expect(trace.ops.length).toBeGreaterThan(100_000);
    expect(expectedText(trace)).toBe(trace.endContent);
    expect(expectedText(trace, 10)).not.toBe(trace.endContent);
  }, 60_000);
});
