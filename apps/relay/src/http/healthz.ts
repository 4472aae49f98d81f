/**
 * @module healthz
 * `GET /healthz`: liveness for anyone (`{status, version}`), and the numbers an operator
 * watches (loaded docs with their names, clients, uptime) only with
 * `Authorization: Bearer <operator token>` (issue 10 item 9: the document list exposed every
 * workspace and document id to anyone). A wrong token is refused with 401 rather than
 * answered as anonymous, so a misconfigured monitor notices.
 */
import type { Hono } from "hono";
import { isOperatorToken } from "@quire/auth";
import type { RoomRegistry } from "../sync/RoomRegistry.ts";
import type { SyncEndpoint } from "../sync/SyncEndpoint.ts";
import { RELAY_VERSION } from "../version.ts";
import { apiError } from "./api-error.ts";
import { bearerToken } from "./request-body.ts";

export interface HealthSources {
  registry: RoomRegistry;
  endpoint: SyncEndpoint;
  startedAt: number;
  /** Unlocks the detail (see @quire/auth operator-token.ts). */
  operatorToken: string;
}

export function mountHealthz(app: Hono, sources: HealthSources): void {
  app.get("/healthz", (c) => {
    c.header("Cache-Control", "no-store");
    const presented = bearerToken(c);
    if (presented === null) return c.json({ status: "ok", version: RELAY_VERSION });
    if (!isOperatorToken(presented, sources.operatorToken)) {
      return apiError(c, 401, "unauthorized", "not the operator token (see `npm run token -- --operator`)");
    }
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
