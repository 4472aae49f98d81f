/**
 * Resource abuse over sockets: oversized frames (1009 + reason, before buffering), a
 * connection flood from one address (4529 + reason; other addresses unaffected; the slot frees
 * on close), half-open peers that never answer pings (terminated), idle but live sockets
 * (kept), and a crowd of slowloris half-sent upgrade requests (honest clients still served).
 */
import { CloseCode } from "@quire/core";
import { useRelay, waitFor, WireClient } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MiB } from "./harness/proc-memory.ts";
import { rawUpgrade, slowlorisHeaders } from "./harness/raw-upgrade.ts";
import { sleep } from "./scenarios/convergence.ts";

const PER_IP = 20;
/** Short enough for a fast test, long enough that a loaded machine still answers pings in time. */
const PING_MS = 2_000;
const DOC = "sockets/doc";

const relay = useRelay({ env: { MAX_CONNECTIONS_PER_IP: String(PER_IP), PING_INTERVAL_MS: String(PING_MS) } });

async function honestPair(localAddress: string): Promise<[WireClient, WireClient]> {
  const token = relay.token({ doc: DOC, role: "editor" });
  const pair = [0, 1].map(() => new WireClient({ syncUrl: relay.syncUrl, docName: DOC, token, localAddress })) as [WireClient, WireClient];
  for (const c of pair) await c.connect();
  for (const c of pair) await c.waitSynced();
  return pair;
}

async function exchange(pair: [WireClient, WireClient], marker: string): Promise<void> {
  pair[0].doc.get("root", Y.XmlText).insert(0, marker);
  await waitFor(() => pair[1].doc.get("root", Y.XmlText).toString().includes(marker), 30_000, `${marker} synced`);
}

describe("socket abuse", () => {
  it("a 20 MiB frame is refused with 1009 and a reason, other clients unaffected", async () => {
    const pair = await honestPair("127.0.5.1");
    const hostile = new WireClient({ syncUrl: relay.syncUrl, docName: DOC, token: relay.token({ doc: DOC, role: "editor" }) });
    try {
      await hostile.connect();
      hostile.sendRaw(Buffer.alloc(20 * MiB, 0));
      await waitFor(() => hostile.closes.length > 0, 20_000, "oversized frame refused");
      expect(hostile.closes[0]?.code).toBe(CloseCode.MessageTooBig);
      expect(hostile.closes[0]?.reason).toMatch(/too big|limit/);
      await exchange(pair, "after-oversized ");
    } finally {
      hostile.destroy();
      for (const c of pair) c.destroy();
    }
  });

  it(`a flood of connections from one address is capped at ${PER_IP} (4529), others unaffected`, async () => {
    const pair = await honestPair("127.0.5.2");
    const token = relay.token({ doc: DOC, role: "viewer" });
    const flood = Array.from({ length: PER_IP + 10 }, () => new WireClient({ syncUrl: relay.syncUrl, docName: DOC, token, localAddress: "127.0.5.3" }));
    try {
      await Promise.all(flood.map((c) => c.connect().catch(() => undefined)));
      await waitFor(() => flood.filter((c) => c.closes.length > 0).length >= 10, 10_000, "10 refusals");
      await sleep(200);
      const refused = flood.filter((c) => c.closes.length > 0);
      expect(refused.length).toBe(10);
      for (const c of refused) {
        expect(c.closes[0]?.code).toBe(CloseCode.TooManyConnections);
        expect(c.closes[0]?.reason).toMatch(/too many/);
      }
      await exchange(pair, "during-flood ");
      // Closing one frees a slot for the next.
      const open = flood.find((c) => c.online) as WireClient;
      await open.disconnect();
      const late = new WireClient({ syncUrl: relay.syncUrl, docName: DOC, token, localAddress: "127.0.5.3" });
      try {
        await late.connect();
        await late.waitSynced();
      } finally {
        late.destroy();
      }
    } finally {
      for (const c of flood) c.destroy();
      for (const c of pair) c.destroy();
    }
  });

  it("a half-open peer that never answers pings is terminated; an idle live socket is kept", async () => {
    const idle = new WireClient({ syncUrl: relay.syncUrl, docName: DOC, token: relay.token({ doc: DOC, role: "viewer" }), localAddress: "127.0.5.4" });
    try {
      await idle.connect();
      await idle.waitSynced();
      const halfOpen = await rawUpgrade({
        port: relay.port,
        path: `/sync/${DOC}?token=${encodeURIComponent(relay.token({ doc: DOC, role: "viewer" }))}`,
        localAddress: "127.0.5.5",
        timeoutMs: 5 * PING_MS + 20_000,
        untilClose: false,
      });
      expect(halfOpen.status).toBe(101);
      expect(halfOpen.ended, "relay dropped the silent peer").toBe(true);
      expect(idle.online, "the idle socket that answers pings stays").toBe(true);
    } finally {
      idle.destroy();
    }
  });

  it("200 slowloris upgrade requests do not stop honest clients", async () => {
    const started = Array.from({ length: 200 }, () => slowlorisHeaders(relay.port, 3_000));
    await sleep(300);
    const pair = await honestPair("127.0.5.6");
    try {
      await exchange(pair, "beside-slowloris ");
      expect((await relay.healthz()).status).toBe("ok");
    } finally {
      for (const c of pair) c.destroy();
    }
    await Promise.all(started);
  });
});

