/**
 * A replica without presence (background sync, index parts) sends no presence frame to the
 * relay over its whole life — open, sync, close (issue 17 item 4: y-websocket's disconnect
 * announced a "left" state for every background document on every walk). Both transports.
 */
import "fake-indexeddb/auto";
import { MessageType, decodeMuxFrame } from "@quire/core";
import { useRelay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { DocReplica } from "./DocReplica.ts";
import { createDevice, eventually } from "./test-devices.ts";

const relay = useRelay();

/** A `ws` socket that records the y-websocket message type of everything it sends. */
function recordingSocket(sent: number[]): typeof globalThis.WebSocket {
  class Recording extends WebSocket {
    override send(data: unknown, ...rest: unknown[]): void {
      if (data instanceof Uint8Array) {
        const mux = new URL(this.url).pathname === "/mux";
        const frame = mux ? decodeMuxFrame(data) : null;
        if (!mux) sent.push(data[0] as number);
        else if (frame?.kind === "data") sent.push(frame.payload[0] as number);
      }
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  }
  return Recording as unknown as typeof globalThis.WebSocket;
}

describe("a replica without presence", () => {
  for (const mux of [false, true]) {
    it(`sends no awareness frame while it syncs and closes (${mux ? "/mux channel" : "/sync socket"})`, async () => {
      const sent: number[] = [];
      const docName = `wbgpresence/d${mux ? "0000000001" : "0000000002"}`;
      const replica = new DocReplica({
        docName,
        relayUrl: relay.syncUrl,
        token: relay.token({ workspace: "wbgpresence", name: "Ana" }),
        start: true,
        presence: false,
        keepAlive: false,
        disableBc: true,
        mux,
        indexedDB: createDevice().indexedDB,
        WebSocketPolyfill: recordingSocket(sent),
      });
      replica.doc.getText("t").insert(0, "background");
      await eventually(() => replica.saveState().relay === "saved", "saved on the relay");
      await replica.close();
      expect(sent).toContain(MessageType.Sync);
      expect(sent.filter((type) => type === MessageType.Awareness)).toEqual([]);
    });
  }
});
