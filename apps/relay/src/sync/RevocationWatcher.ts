/**
 * @module RevocationWatcher
 * Closes the sockets of a token as soon as it is revoked (security finding S6: a revoked
 * device kept syncing for as long as its socket stayed open). Revocations are written by
 * another process (`token --revoke <jti>` opens the same database), so the relay polls the
 * revocation table every REVOCATION_POLL_MS for rows it has not seen and closes every open
 * socket whose token id is among them with 4403 — permanent for y-websocket, so the revoked
 * device does not reconnect (and would be refused if it did).
 */
import { CloseCode } from "@quire/core";
import { log } from "../log.ts";
import type { RevocationStore } from "../storage/RevocationStore.ts";
import type { Connection } from "./Connection.ts";

export class RevocationWatcher {
  private lastRowid: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly revocations: RevocationStore,
    /** The open connections, read at each poll. */
    private readonly connections: () => Iterable<Connection>,
    pollMs: number,
  ) {
    // Tokens revoked before this start are refused at connect; only newer rows matter here.
    this.lastRowid = revocations.lastRowid();
    this.timer = setInterval(() => this.poll(), Math.max(100, pollMs));
    this.timer.unref();
  }

  /** Looks for new revocations and closes their sockets; returns how many it closed. */
  poll(): number {
    let rows: { rowid: number; jti: string }[];
    try {
      rows = this.revocations.revokedAfter(this.lastRowid);
    } catch (error) {
      // A busy or failing database must not stop the relay; the next poll tries again.
      log.warn("revocation poll failed", { error: String(error) });
      return 0;
    }
    if (rows.length === 0) return 0;
    this.lastRowid = rows[rows.length - 1]?.rowid ?? this.lastRowid;
    const revoked = new Set(rows.map((r) => r.jti));
    let closed = 0;
    for (const connection of this.connections()) {
      if (!revoked.has(connection.claims.jti)) continue;
      connection.close(CloseCode.Forbidden, "forbidden: token has been revoked");
      closed++;
    }
    if (closed > 0) log.info("closed sockets of revoked tokens", { tokens: revoked.size, sockets: closed });
    return closed;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
