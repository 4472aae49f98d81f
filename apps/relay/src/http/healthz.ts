/**
 * @module healthz
 * `GET /healthz`: liveness plus the numbers an operator watches (loaded docs, clients).
 */
import type { Hono } from "hono";
import type { RoomRegistry } from "../sync/RoomRegistry.ts";
import type { SyncEndpoint } from "../sync/SyncEndpoint.ts";
import { RELAY_VERSION } from "../version.ts";

export interface HealthSources {
  registry: RoomRegistry;
  endpoint: SyncEndpoint;
  startedAt: number;
}

export function mountHealthz(app: Hono, sources: HealthSources): void {
  app.get("/healthz", (c) => {
    c.header("Cache-Control", "no-store");
    return c.json({
      status: "ok",
      version: RELAY_VERSION,
      docsLoaded: sources.registry.size,
      clients: sources.endpoint.clientCount,
      uptimeSeconds: Math.floor((Date.now() - sources.startedAt) / 1000),
      docs: sources.registry.list().map((room) => ({ name: room.name, state: room.state, clients: room.clientCount })),
    });
  });
}
