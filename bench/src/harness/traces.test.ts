import { describe, expect, it } from "vitest";
import { expectedText, loadTrace, TRACES_REQUIRED, tracesMissing } from "./traces.ts";

// A clone without ../shared skips these, saying why; CI (QUIRE_REQUIRE_TRACES=1) never does.
const missing = TRACES_REQUIRED ? null : tracesMissing();
if (missing) console.warn(`[bench traces] ${missing}`);

describe.skipIf(missing !== null)("traces", () => {
  it("replaying every op of seph-blog1 gives its endContent (the check every benchmark relies on)", () => {
    const trace = loadTrace("seph-blog1");
    expect(trace.ops.length).toBeGreaterThan(100_000);
    expect(expectedText(trace)).toBe(trace.endContent);
    expect(expectedText(trace, 10)).not.toBe(trace.endContent);
  }, 60_000);
});
