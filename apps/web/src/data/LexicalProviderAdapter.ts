/**
 * @module LexicalProviderAdapter
 * The object CollaborationPlugin's providerFactory returns. @lexical/yjs (v1 binding) only
 * renders content that arrives AFTER the binding observes the doc, so the doc handed to the
 * editor starts empty and its device copy is applied when the editor calls `connect()`.
 * It emits `sync` true once the device copy is applied (content shows offline), and again when
 * the relay sync completes; `status` mirrors the websocket. `disconnect()` does nothing: the
 * socket belongs to the DocHandle, closed by `release()`.
 */
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";

type Events = {
  sync: (isSynced: boolean) => void;
  status: (event: { status: string }) => void;
  update: (arg: unknown) => void;
  reload: (doc: Y.Doc) => void;
};

export class LexicalProviderAdapter {
  readonly awareness: Awareness;
  private readonly listeners: { [K in keyof Events]: Set<Events[K]> } = {
    sync: new Set(),
    status: new Set(),
    update: new Set(),
    reload: new Set(),
  };

  constructor(
    awareness: Awareness,
    private readonly start: () => void,
  ) {
    this.awareness = awareness;
  }

  connect(): void {
    this.start();
  }

  disconnect(): void {
    // Intentionally empty: see module doc.
  }

  on<K extends keyof Events>(type: K, listener: Events[K]): void {
    this.listeners[type].add(listener);
  }

  off<K extends keyof Events>(type: K, listener: Events[K]): void {
    this.listeners[type].delete(listener);
  }

  emit<K extends keyof Events>(type: K, ...args: Parameters<Events[K]>): void {
    for (const listener of [...this.listeners[type]]) (listener as (...a: Parameters<Events[K]>) => void)(...args);
  }
}
