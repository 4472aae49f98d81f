/**
 * @module doc-handle
 * What the UI holds for one open document (implemented by DocReplica), and its states.
 */
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";

export type ConnectionState = "connecting" | "online" | "offline";

/** Honest save state of one document, in three levels (device, relay, pending count). */
export interface SaveState {
  /** loading: device copy not applied yet; saved: IndexedDB has every change; error: see `error`. */
  device: "loading" | "saved" | "error";
  /** saved: connected and the relay acked every local change; pending: connected, not all acked. */
  relay: "saved" | "pending" | "offline" | "connecting";
  /** Local changes the relay has not confirmed. */
  pendingChanges: number;
  /** For the student: storage failure, relay refusal... */
  error?: string;
}

export interface DocHandle {
  docName: string;
  doc: Y.Doc;
  lexicalProvider: unknown;
  awareness: Awareness;
  saveState(): SaveState;
  subscribe(listener: () => void): () => void;
  whenLoaded: Promise<void>;
  release(): void;
}
