import { RelayProcess } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { probeRelay } from "./relay-reachability.ts";

describe("probeRelay", () => {
  it("tells a reachable relay, a relay that does not answer and a browser with no network apart", async () => {
    const relay = await RelayProcess.start();
    try {
      expect(await probeRelay(relay.httpUrl)).toBe("reachable");
      expect(await probeRelay(relay.httpUrl, { online: () => false })).toBe("offline"); // No request is even tried.
      await relay.kill("SIGKILL");
      expect(await probeRelay(relay.httpUrl)).toBe("unreachable");
      // The network went away while the request failed: say what the browser says now.
      let online = true;
      const failing = async () => {
        online = false;
        throw new TypeError("network");
      };
      expect(await probeRelay(relay.httpUrl, { fetch: failing, online: () => online })).toBe("offline");
    } finally {
      await relay.stop({ removeData: true });
    }
  });

  it("counts a relay that hangs past the timeout as unreachable, and any HTTP answer as reachable", async () => {
    const hanging = (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(new Error("aborted"))));
    expect(await probeRelay("http://relay.invalid", { fetch: hanging, timeoutMs: 50, online: () => true })).toBe("unreachable");
    const refusing = async () => new Response("no", { status: 503 });
    expect(await probeRelay("http://relay.invalid", { fetch: refusing, online: () => true })).toBe("reachable");
  });
});
