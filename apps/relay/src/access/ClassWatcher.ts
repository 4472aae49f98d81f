/**
 * @module ClassWatcher
 * Re-checks open sockets when a class changes (issue 13): a member removed, moved out of a
 * group, or a document moved to a group she is not in loses her sockets on it within
 * CLASS_POLL_MS (4403 and the reason; y-websocket does not reconnect on it, and would be
 * refused if it did). Changes can come from another relay process sharing the database, so
 * the watcher polls `class_changes`; the HTTP API of this process also calls
 * {@link ClassWatcher.poll} right after a change, so here it takes effect at once.
 *
 * Losing write access (role change, lock) needs no watching: every update frame is decided
 * anew (message-handler), and a socket that opened as a writer is closed with 4533 on its
 * first refused update.
 */
import { CloseCode, workspaceOf } from "@quire/core";
import { log } from "../log.ts";
import type { ClassStore } from "../storage/ClassStore.ts";
import type { Connection } from "../sync/Connection.ts";
import type { ClassAccess } from "./ClassAccess.ts";

export class ClassWatcher {
  private lastRowid: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly classes: ClassStore,
    private readonly access: ClassAccess,
    /** The open connections, read at each poll. */
    private readonly connections: () => Iterable<Connection>,
    pollMs: number,
  ) {
    this.lastRowid = classes.lastChange();
    this.timer = setInterval(() => this.poll(), Math.max(50, pollMs));
    this.timer.unref();
  }

  /** Looks for new class changes and closes the sockets that lost read access; returns how many. */
  poll(): number {
    let rows: { rowid: number; workspace: string }[];
    try {
      rows = this.classes.changesAfter(this.lastRowid);
    } catch (error) {
      // A busy or failing database must not stop the relay; the next poll tries again.
      log.warn("class change poll failed", { error: String(error) });
      return 0;
    }
    if (rows.length === 0) return 0;
    this.lastRowid = rows[rows.length - 1]?.rowid ?? this.lastRowid;
    // Some rows may be another process's: what ClassAccess cached may be stale now.
    this.classes.changedElsewhere();
    const changed = new Set(rows.map((r) => r.workspace));
    let closed = 0;
    for (const connection of this.connections()) {
      if (connection.closed || !changed.has(workspaceOf(connection.docName) ?? "")) continue;
      const read = this.access.mayReadDoc(connection.claims, connection.docName);
      if (read.ok) continue;
      connection.close(CloseCode.Forbidden, `forbidden: ${read.reason}`);
      closed++;
    }
    if (closed > 0) log.info("closed sockets that lost access to their document", { classes: changed.size, sockets: closed });
    return closed;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
