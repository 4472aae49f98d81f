/**
 * Connection's inbound pump over a real websocket pair: a backlog is handled in order, in
 * slices of about PUMP_SLICE_MS, so other sockets' work runs in between.
 */
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import type { TokenClaims } from "@quire/core";
import { Connection, PUMP_SLICE_MS } from "./Connection.ts";

const CLAIMS: TokenClaims = { v: 1, sub: "u1", name: "U", role: "editor", doc: "d", iat: 0, exp: 4_000_000_000 } as TokenClaims;

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const done of cleanup) done();
  cleanup = [];
});

/** The server side of a real websocket connection on localhost. */
async function serverSocket(): Promise<WebSocket> {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const accepted = new Promise<WebSocket>((resolve) => server.once("connection", resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  cleanup.push(() => {
    client.terminate();
    server.close();
  });
  return accepted;
}

describe("Connection pump", () => {
  it("handles a backlog in order, yielding to the event loop between slices", async () => {
    const socket = await serverSocket();
    const connection = new Connection(socket, "d", CLAIMS, "127.0.0.1", { maxQueuedMessages: 10_000, maxQueuedBytes: 1 << 24, maxSendBufferBytes: 1 << 20 });
    const total = 400;
    // Queued before the doc is ready: the whole backlog is there when the pump starts.
    for (let i = 0; i < total; i++) connection.enqueue(Uint8Array.of(i & 0xff, i >> 8));
    const handled: number[] = [];
    let handledWhenOtherWorkRan = -1;
    // Each message costs ~0.05 ms of CPU: 400 of them are ~20 ms, ten slices.
    connection.setReady((_conn, message) => {
      const until = performance.now() + 0.05;
      while (performance.now() < until);
      handled.push((message[0] as number) | ((message[1] as number) << 8));
    });
    // Another socket's work, queued behind the pump's first task.
    setImmediate(() => {
      handledWhenOtherWorkRan = handled.length;
    });
    await new Promise<void>((resolve) => {
      const poll = () => (handled.length === total ? resolve() : setTimeout(poll, 5));
      poll();
    });
    expect(handled).toEqual([...Array(total).keys()]);
    // It ran before the backlog was done: the pump yielded (all 400 handled in one task before).
    expect(handledWhenOtherWorkRan).toBeGreaterThan(0);
    expect(handledWhenOtherWorkRan).toBeLessThan(total);
    expect(PUMP_SLICE_MS).toBeLessThanOrEqual(5);
    connection.close(1000, "done");
  });
});
