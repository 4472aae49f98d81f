/**
 * @module ws-broadcast-server
 * The latency floor: a bare `ws` server that forwards every message to the other sockets on
 * the same URL path, with no Yjs, no persistence, no auth. Nothing can deliver an update
 * faster over loopback websockets, so it bounds what any relay can achieve.
 *   HOST=127.0.0.1 PORT=0 node --import tsx src/peers/ws-broadcast-server.ts
 */
import { type WebSocket, WebSocketServer } from "ws";

const rooms = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ host: process.env.HOST ?? "127.0.0.1", port: Number(process.env.PORT ?? 0) });

wss.on("connection", (socket, request) => {
  const room = request.url ?? "/";
  let peers = rooms.get(room);
  if (!peers) {
    peers = new Set();
    rooms.set(room, peers);
  }
  peers.add(socket);
  socket.on("message", (data, isBinary) => {
    for (const other of peers) if (other !== socket) other.send(data, { binary: isBinary });
  });
  socket.on("close", () => {
    peers.delete(socket);
    if (peers.size === 0) rooms.delete(room);
  });
});

wss.on("listening", () => {
  const address = wss.address();
  console.log(`ws-broadcast listening on ${typeof address === "object" && address ? address.port : address}`);
});
