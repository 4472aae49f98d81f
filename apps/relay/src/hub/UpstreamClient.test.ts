import { describe, expect, it } from "vitest";
import { UpstreamError } from "./UpstreamClient.ts";

describe("UpstreamError.transient", () => {
  it("treats an unreached upstream, a request deadline, throttling and gateways as link failures", () => {
    for (const status of [0, 408, 429, 502, 503, 504]) expect(new UpstreamError("x", status).transient, String(status)).toBe(true);
  });

  it("treats the upstream's verdicts on one request as refusals of that document", () => {
    for (const status of [400, 401, 403, 404, 413, 500]) expect(new UpstreamError("x", status).transient, String(status)).toBe(false);
  });
});
