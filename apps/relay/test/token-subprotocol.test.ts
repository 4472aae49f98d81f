/**
 * A token can travel in the websocket handshake's Sec-WebSocket-Protocol header instead of
 * the URL (issue 10: browsers print a failed socket's URL, token included, in the console).
 * The client offers `quire` and `quire-token.<token>`; the relay answers `quire` and never
 * echoes the token. `?token=` keeps working for stock clients.
 */
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { CloseCode, TOKEN_SUBPROTOCOL, tokenSubprotocols } from "@quire/core";
import { connectStockClient, useRelay, waitSynced } from "@quire/testkit";

const DOC = "wsubprotoco/d1";
const relay = useRelay();

function open(protocols: string[]): Promise<{ protocol: string; code: number; reason: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${relay.syncUrl}/${DOC}`, protocols);
    ws.on("error", () => {});
    let protocol = "";
    ws.on("open", () => {
      protocol = ws.protocol;
      // Opened and authorized: nothing more to learn, end it ourselves.
      setTimeout(() => ws.close(1000, "done"), 300);
    });
    ws.on("close", (code, reason) => resolve({ protocol, code, reason: reason.toString() }));
  });
}

describe("token in the Sec-WebSocket-Protocol header", () => {
  it("opens the doc; the relay answers with the plain protocol, never the token", async () => {
    const result = await open(tokenSubprotocols(relay.token({ doc: DOC, role: "editor" })));
    expect(result.protocol).toBe(TOKEN_SUBPROTOCOL);
    expect(result.code).toBe(1000);
  });

  it("a bad token in the header is refused with 4401", async () => {
    const result = await open(tokenSubprotocols("not-a-token"));
    expect(result.code).toBe(CloseCode.Unauthorized);
  });

  it("a token for another doc in the header is refused with 4403", async () => {
    const result = await open(tokenSubprotocols(relay.token({ doc: "wsubprotoco/d2", role: "editor" })));
    expect(result.code).toBe(CloseCode.Forbidden);
  });

  it("stock clients with ?token= still sync", async () => {
    const client = connectStockClient(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
    await waitSynced(client.provider);
    client.destroy();
  });
});
