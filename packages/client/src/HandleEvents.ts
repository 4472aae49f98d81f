/**
 * @module HandleEvents
 * The listeners of a {@link DocHandle}'s events (see {@link DocHandleEvents}). Emitting walks a
 * copy, so a listener may unsubscribe itself while it runs.
 */
import type { DocHandleEvents } from "./doc-handle.ts";

type Listeners = { [K in keyof DocHandleEvents]: Set<DocHandleEvents[K]> };

export class HandleEvents {
  private readonly listeners: Listeners = { sync: new Set(), status: new Set() };

  on<K extends keyof DocHandleEvents>(type: K, listener: DocHandleEvents[K]): void {
    this.listeners[type].add(listener);
  }

  off<K extends keyof DocHandleEvents>(type: K, listener: DocHandleEvents[K]): void {
    this.listeners[type].delete(listener);
  }

  emit<K extends keyof DocHandleEvents>(type: K, ...args: Parameters<DocHandleEvents[K]>): void {
    for (const listener of [...this.listeners[type]]) (listener as (...a: Parameters<DocHandleEvents[K]>) => void)(...args);
  }
}
