/**
 * What an anonymous socket puts in the relay's log is bounded: a refused socket's path is
 * truncated (security finding S7: 300 sockets with 15 KB paths wrote 4.3 MiB of log).
 */
import { describe, expect, it } from "vitest";
import { openRaw, useRelay } from "@quire/testkit";

const relay = useRelay();

describe("log volume from anonymous sockets", () => {
  it("30 sockets with 14 KB paths add less than 1 KB of log each", async () => {
    const before = relay.output.length;
    const sockets = Array.from({ length: 30 }, (_, i) => openRaw(relay.syncUrl, `w${"a".repeat(10)}/${String(i)}${"x".repeat(14_000)}`));
    const closes = await Promise.all(sockets.map((s) => s.closed));
    expect(closes.every((c) => c.code >= 4000)).toBe(true);
    await new Promise((r) => setTimeout(r, 500)); // the relay's stderr reaches us asynchronously
    const logged = relay.output.slice(before);
    expect(logged).toContain("connection refused");
    expect(logged.length).toBeLessThan(30 * 1024);
  });
});
