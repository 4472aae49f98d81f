import { describe, expect, it } from "vitest";
import { UpstreamError } from "./UpstreamClient.ts";

describe("UpstreamError", () => {
  it("treats an unreached upstream, throttling and gateways as the link down", () => {
    for (const status of [0, 429, 502, 503, 504]) expect(new UpstreamError("x", status).linkDown, String(status)).toBe(true);
  });

  it("treats the upstream's deadline (408) as one document too slow, not the link down nor a refusal", () => {
    const error = new UpstreamError("x", 408);
    expect(error.linkDown).toBe(false);
    expect(error.tooSlow).toBe(true);
  });

  it("treats the upstream's verdicts on one request as refusals of that document", () => {
    for (const status of [400, 401, 403, 404, 413, 500]) {
      const error = new UpstreamError("x", status);
      expect([error.linkDown, error.tooSlow], String(status)).toEqual([false, false]);
    }
  });
});
