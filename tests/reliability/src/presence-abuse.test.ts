/**
 * Finding S4 (FINDINGS.md, security review issue 9 finding 4): presence (awareness) abuse.
 * One socket could claim any number of presence ids (7,200 states of up to 64 KiB, all
 * relayed to every client: relay RSS 65 → 551 MB); a colour such as `rgb(0 0 0) url(…)` was
 * relayed as is and made every viewer's browser fetch the URL; and the name shown was whatever
 * the client claimed, not the name its token carries.
 *
 * The relay now keeps at most MAX_AWARENESS_IDS_PER_SOCKET ids per socket (4400 beyond),
 * relays only `#rrggbb` colours (others are removed from the state) and writes the token's
 * name over every name the app or a stock client shows.
 */
import { CloseCode } from "@quire/core";
import { awarenessFrame as rawAwarenessFrame, useRelay, waitFor, WireClient } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { MemoryWatcher, MiB, sampleMemory } from "./harness/proc-memory.ts";
import { sleep } from "./scenarios/convergence.ts";

const DOC = "presence-abuse/doc";

const relay = useRelay();

function awarenessFrame(entries: { client: number; clock: number; state: unknown }[]): Uint8Array {
  return rawAwarenessFrame(entries.map((e) => ({ ...e, state: JSON.stringify(e.state) })));
}

/** A viewer that only watches the presence states the relay relays. */
function watcher(): WireClient {
  return new WireClient({ syncUrl: relay.syncUrl, docName: DOC, token: relay.token({ doc: DOC, role: "viewer", name: "watcher" }) });
}

function states(client: WireClient): Map<number, Record<string, unknown>> {
  return client.presence.getStates() as Map<number, Record<string, unknown>>;
}

describe("presence abuse (S4)", () => {
  it("one socket cannot claim more than 4 presence ids (4400); only those were relayed", async () => {
    const watch = watcher();
    const hostile = new WireClient({ syncUrl: relay.syncUrl, docName: DOC, token: relay.token({ doc: DOC, role: "viewer" }) });
    try {
      await watch.connect();
      let most = 0;
      watch.presence.on("change", () => {
        most = Math.max(most, watch.presence.getStates().size);
      });
      await hostile.connect();
      await hostile.waitSynced();
      const pid = relay.pid as number;
      const before = sampleMemory(pid).rssBytes;
      const memory = new MemoryWatcher(pid, 50);
      const big = "x".repeat(60 * 1024);
      // The review's 7,200 ids (it stops sending once refused).
      for (let i = 0; i < 7_200 && hostile.closes.length === 0; i++) {
        hostile.sendRaw(awarenessFrame([{ client: 50_000 + i, clock: 1, state: { name: "bot", pad: big } }]));
        if (i % 20 === 19) await sleep(20);
      }
      await waitFor(() => hostile.closes.length > 0, 20_000, "presence flood refused");
      const peak = memory.stop();
      console.log(`S4 presence flood: relay RSS ${(before / MiB).toFixed(0)} → peak ${(peak / MiB).toFixed(0)} MiB`);
      expect(hostile.closes[0]?.code).toBe(CloseCode.BadMessage);
      expect(hostile.closes[0]?.reason).toMatch(/presence/);
      await sleep(300);
      // At no time were more than the limit relayed; they went with the socket.
      expect(most).toBeLessThanOrEqual(4);
      expect(states(watch).size).toBe(0);
    } finally {
      watch.destroy();
      hostile.destroy();
    }
  }, 60_000);

  it("only #rrggbb colours are relayed, and names are the token's", async () => {
    const watch = watcher();
    const mallory = new WireClient({ syncUrl: relay.syncUrl, docName: DOC, token: relay.token({ doc: DOC, role: "viewer", name: "Mallory" }) });
    try {
      await watch.connect();
      await mallory.connect();
      await mallory.waitSynced();
      const beacon = "rgb(0 0 0) url(http://127.0.0.1:9/beacon)";
      mallory.sendRaw(
        awarenessFrame([
          {
            client: 4242,
            clock: 1,
            state: {
              name: "Teacher",
              color: beacon,
              colorLight: "#ffe3e3",
              user: { name: "Teacher", color: "red;background:url(http://127.0.0.1:9/b)" },
              awarenessData: { user: { name: "Teacher", color: "#1971c2", colorLight: beacon } },
              anchorPos: null,
            },
          },
        ]),
      );
      await waitFor(() => states(watch).has(4242), 10_000, "state relayed");
      const state = states(watch).get(4242) as {
        name?: string;
        color?: string;
        colorLight?: string;
        user?: { name?: string; color?: string };
        awarenessData?: { user?: { name?: string; color?: string; colorLight?: string } };
      };
      expect(JSON.stringify(state)).not.toContain("url(");
      expect(state.color).toBeUndefined();
      expect(state.colorLight).toBe("#ffe3e3");
      expect(state.user?.color).toBeUndefined();
      expect(state.awarenessData?.user?.color).toBe("#1971c2");
      expect(state.awarenessData?.user?.colorLight).toBeUndefined();
      expect(state.name).toBe("Mallory");
      expect(state.user?.name).toBe("Mallory");
      expect(state.awarenessData?.user?.name).toBe("Mallory");
      expect(mallory.closes).toEqual([]);
    } finally {
      watch.destroy();
      mallory.destroy();
    }
  }, 60_000);
});
