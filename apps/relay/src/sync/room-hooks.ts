/**
 * @module room-hooks
 * Hooks around a room's life (issue 11, item 2): features such as edit history or upstream
 * replication to a classroom hub plug in here, passed in the relay's options, without editing
 * the room. A hook only observes: it cannot refuse a socket or an update (the relay's own
 * checks do that) and its result is never awaited, so a slow hook cannot stall a commit.
 *
 * Invariants:
 * - Events of one doc come in life order: loaded, then committed (in commit order), then
 *   unloaded; `authenticated` comes for each socket before its room has it.
 * - `committed` fires only once the update and its provenance are on disk, from the node that
 *   stored it (updates relayed from another node over the bus are not committed here).
 * - A hook that throws or rejects is logged and skipped: it never breaks the room, the other
 *   hooks or the process.
 */
import type { TokenClaims } from "@quire/core";
import type { UpdateProvenance } from "@quire/storage";
import { log } from "../log.ts";

export interface AuthenticatedEvent {
  doc: string;
  /** The verified token's claims. */
  claims: TokenClaims;
  /** The socket's connection id (as in logs). */
  connection: number;
}

export interface LoadedEvent {
  doc: string;
  /** Stored rows the doc was loaded from. */
  rows: number;
}

export interface CommittedEvent {
  doc: string;
  /** The update as stored (only what was new to the doc). Read-only. */
  update: Uint8Array;
  provenance: UpdateProvenance;
}

export interface UnloadedEvent {
  doc: string;
  /** "unloaded": idle, evicted or shut down; "failed": the doc could not be loaded. */
  state: "unloaded" | "failed";
}

/** One feature's hooks; every member is optional. */
export interface RoomHook {
  /** For logs when the hook fails. */
  readonly name: string;
  authenticated?(event: AuthenticatedEvent): void | Promise<void>;
  loaded?(event: LoadedEvent): void | Promise<void>;
  committed?(event: CommittedEvent): void | Promise<void>;
  unloaded?(event: UnloadedEvent): void | Promise<void>;
}

interface HookEvents {
  authenticated: AuthenticatedEvent;
  loaded: LoadedEvent;
  committed: CommittedEvent;
  unloaded: UnloadedEvent;
}

/** Calls every hook for each event, isolating their failures. */
export class RoomHooks {
  constructor(private readonly hooks: readonly RoomHook[] = []) {}

  get empty(): boolean {
    return this.hooks.length === 0;
  }

  authenticated(event: AuthenticatedEvent): void {
    this.emit("authenticated", event);
  }

  loaded(event: LoadedEvent): void {
    this.emit("loaded", event);
  }

  committed(event: CommittedEvent): void {
    this.emit("committed", event);
  }

  unloaded(event: UnloadedEvent): void {
    this.emit("unloaded", event);
  }

  private emit<K extends keyof HookEvents>(kind: K, event: HookEvents[K]): void {
    for (const hook of this.hooks) {
      const handler = hook[kind] as ((event: HookEvents[K]) => void | Promise<void>) | undefined;
      if (!handler) continue;
      const failed = (error: unknown) =>
        log.error("room hook failed", { hook: hook.name, event: kind, doc: event.doc, error: error instanceof Error ? error.message : String(error) });
      try {
        const result = handler.call(hook, event);
        if (result instanceof Promise) result.catch(failed);
      } catch (error) {
        failed(error);
      }
    }
  }
}
