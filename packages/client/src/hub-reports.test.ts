import { describe, expect, it } from "vitest";
import { parseHubLinkStatus } from "./hub-link-status.ts";
import { parseHubUpstreamReport } from "./hub-upstream-report.ts";

describe("hub reports", () => {
  it("accepts a report about the asked document and client ids only", () => {
    expect(parseHubUpstreamReport({ doc: "w/d", inSync: true, clocks: { "7": 3 } }, "w/d", [7])).toEqual({ inSync: true, clocks: new Map([[7, 3]]) });
    expect(parseHubUpstreamReport({ doc: "w/other", inSync: true, clocks: {} }, "w/d", [7])).toBeNull();
    expect(parseHubUpstreamReport({ doc: "w/d", inSync: true, clocks: { "8": 3 } }, "w/d", [7])).toBeNull();
    expect(parseHubUpstreamReport({ doc: "w/d", inSync: "yes", clocks: {} }, "w/d", [7])).toBeNull();
    expect(parseHubUpstreamReport({ doc: "w/d", inSync: true, clocks: { "7": -1 } }, "w/d", [7])).toBeNull();
    expect(parseHubUpstreamReport(null, "w/d", [7])).toBeNull();
  });

  it("validates the hub's link status", () => {
    const status = { state: "idle", lastSyncedAt: 1, lastError: null, pendingDocs: 0, bytesSent: 2, bytesReceived: 3, hub: { id: "h" } };
    expect(parseHubLinkStatus(status)).toEqual({ state: "idle", lastSyncedAt: 1, lastError: null, pendingDocs: 0, bytesSent: 2, bytesReceived: 3 });
    expect(parseHubLinkStatus({ ...status, state: "weird" })).toBeNull();
    expect(parseHubLinkStatus({ ...status, pendingDocs: 1.5 })).toBeNull();
    expect(parseHubLinkStatus({ ...status, lastError: "x".repeat(3_000) })?.lastError).toHaveLength(2_000);
  });
});
