/**
 * @module RoomRegistry
 * The loaded documents. A doc loads on its first connection and is forgotten when its room
 * unloads or fails; the next connection loads it again from disk.
 */
import type { RoomBus } from "@quire/bus";
import type { StoragePort } from "@quire/storage";
import type { RelayLimits } from "../config.ts";
import type { ClientIdStore } from "@quire/storage-sqlite";
import type { Compactor } from "../storage/Compactor.ts";
import type { Connection } from "./Connection.ts";
import type { DecodeWorker } from "./DecodeWorker.ts";
import { DocumentRoom } from "./DocumentRoom.ts";
import { IntegrationGuard } from "./IntegrationGuard.ts";
import type { RoomHooks } from "./room-hooks.ts";

export class RoomRegistry {
  private readonly rooms = new Map<string, DocumentRoom>();
  /** One per relay: CPU budgets are per user across all their sockets and docs. */
  private readonly integration: IntegrationGuard;

  constructor(
    private readonly store: StoragePort,
    private readonly decoder: DecodeWorker,
    private readonly compactor: Compactor,
    private readonly limits: RelayLimits,
    private readonly clientIds: ClientIdStore,
    private readonly bus: RoomBus,
    private readonly hooks: RoomHooks,
    workerUrl: URL,
    /** A classroom hub tells the apps it serves (issue 14, relay info after an ack subscription). */
    private readonly hub = false,
  ) {
    this.integration = new IntegrationGuard(limits, workerUrl);
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Loaded rooms, for /healthz. */
  list(): DocumentRoom[] {
    return [...this.rooms.values()];
  }

  /** Attaches `connection` to its doc's room, loading the doc if needed. */
  join(connection: Connection): DocumentRoom | null {
    let joined = false;
    // A new room has its first socket before its load starts (the load serves it when ready).
    const room = this.roomFor(connection.docName, (created) => {
      created.join(connection);
      joined = true;
    });
    if (!joined) room.join(connection);
    return room;
  }

  /**
   * The loaded room of `name` without a socket (history restores commit through it), kept
   * loaded until `release`; null when the doc cannot be loaded (quarantined, failing).
   */
  async open(name: string): Promise<{ room: DocumentRoom; release: () => void } | null> {
    const room = this.roomFor(name, () => {});
    const release = room.unloader.hold();
    await room.load();
    if (room.state !== "ready") {
      release();
      return null;
    }
    return { room, release };
  }

  private roomFor(name: string, beforeLoad: (room: DocumentRoom) => void): DocumentRoom {
    let room = this.rooms.get(name);
    if (!room) {
      // A quarantined doc is refused by its room's load (the port answers asynchronously).
      room = new DocumentRoom(name, {
        store: this.store,
        decoder: this.decoder,
        integration: this.integration,
        clientIds: this.clientIds,
        compactor: this.compactor,
        limits: this.limits,
        hub: this.hub,
        bus: this.bus,
        hooks: this.hooks,
        onGone: (gone) => {
          if (this.rooms.get(gone.name) === gone) this.rooms.delete(gone.name);
        },
      });
      this.rooms.set(name, room);
      beforeLoad(room);
      void room.load();
    }
    return room;
  }

  /** Shutdown: close every socket with `code`, compact and drop every room. */
  closeAll(code: number, reason: string): void {
    for (const room of this.list()) {
      room.closeAll(code, reason);
      room.dispose();
    }
    // Its worker is unref'd: a trial still running cannot hold the process open.
    void this.integration.close();
  }
}
