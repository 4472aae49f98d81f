/**
 * @module doc-handle
 * What the UI holds for one open document (implemented by DocReplica), and its states.
 * Nothing here knows Lexical: the editor adapts a handle in apps/web/src/editor/editor-provider.ts.
 */
import type { Awareness } from "y-protocols/awareness";
import type { AccessRefusal } from "./access-refusal.ts";
import type * as Y from "yjs";

export type ConnectionState = "connecting" | "online" | "offline";

/** Honest save state of one document: device, relay, and on a classroom hub its upstream. */
export interface SaveState {
  /** loading: device copy not applied yet; saved: IndexedDB has every change; error: see `error`. */
  device: "loading" | "saved" | "error";
  /**
   * saved: connected and the relay acked every local change; pending: connected, not all acked;
   * kept: she may only read here (locked, read-only role, removed) and changes wait on the
   * device that the relay will not take — never "sending" (issue 13).
   */
  relay: "saved" | "pending" | "offline" | "connecting" | "kept";
  /**
   * Only when the relay is a classroom hub (issue 14): saved = the school server (the hub's
   * upstream) holds every local change; pending = not yet, or not known.
   */
  upstream?: "saved" | "pending";
  /** Local changes the relay has not confirmed. */
  pendingChanges: number;
  /** For the student: storage failure, relay refusal... */
  error?: string;
}

/**
 * What an editor binding listens to (apps/web's editor-provider turns these into a Lexical
 * provider): `sync` is true once the device copy is applied (content shows offline) and again
 * on every relay sync; `status` mirrors the websocket's status events.
 */
export interface DocHandleEvents {
  sync: (synced: boolean) => void;
  status: (event: { status: string }) => void;
}

export interface DocHandle {
  docName: string;
  doc: Y.Doc;
  awareness: Awareness;
  /**
   * Loads the device copy, then connects to the relay (idempotent). The editor calls it once
   * its binding observes the doc: the binding renders only changes it sees after binding.
   */
  start(): void;
  on<K extends keyof DocHandleEvents>(type: K, listener: DocHandleEvents[K]): void;
  off<K extends keyof DocHandleEvents>(type: K, listener: DocHandleEvents[K]): void;
  saveState(): SaveState;
  subscribe(listener: () => void): () => void;
  whenLoaded: Promise<void>;
  release(): void;
  /** What the relay's class rules refused her here (issue 13): the editor turns read-only. */
  accessRefusal(): AccessRefusal | null;
}
