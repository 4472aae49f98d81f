/**
 * @module InProcessBus
 * The default room bus: nodes in one process (one relay, or several relay instances in a
 * test) share one `InProcessBus` and each gets its view with `node()`. A relay alone on its
 * bus has no other node to deliver to, so publishing costs one map lookup.
 *
 * Delivery is queued on the microtask queue in publish order (one FIFO for the whole bus),
 * which keeps each publisher's order and never re-enters the publisher's stack.
 */
import type { BusHandler, BusMessage, BusMessageKind, RoomBus } from "./RoomBus.ts";

interface Subscription {
  node: string;
  handler: BusHandler;
}

export interface InProcessBusOptions {
  /**
   * Called when a handler throws. Handlers should not throw (a room logs its own errors); a
   * throw inside a microtask would otherwise end the process, and one bad handler must not
   * stop delivery to the others. Default: console.error.
   */
  onHandlerError?: (error: unknown, doc: string) => void;
}

export class InProcessBus {
  private readonly subscriptions = new Map<string, Set<Subscription>>();
  private nextNode = 1;
  private readonly onHandlerError: (error: unknown, doc: string) => void;

  constructor(options: InProcessBusOptions = {}) {
    this.onHandlerError = options.onHandlerError ?? ((error, doc) => console.error("room bus handler failed", doc, error));
  }

  /** A node's view of this bus; `nodeId` defaults to a fresh unique id. */
  node(nodeId = `node-${this.nextNode++}`): RoomBus {
    return {
      nodeId,
      publish: (doc, kind, data) => this.publish(nodeId, doc, kind, data),
      subscribe: (doc, handler) => this.subscribe(nodeId, doc, handler),
    };
  }

  /** Subscriptions currently held for `doc` (tests, diagnostics). */
  subscriberCount(doc: string): number {
    return this.subscriptions.get(doc)?.size ?? 0;
  }

  private publish(node: string, doc: string, kind: BusMessageKind, data: Uint8Array): void {
    const subscribers = this.subscriptions.get(doc);
    if (!subscribers) return;
    const message: BusMessage = { node, kind, data };
    for (const subscription of subscribers) {
      if (subscription.node === node) continue;
      queueMicrotask(() => {
        // Unsubscribed after this was queued: it must see nothing more.
        if (!this.subscriptions.get(doc)?.has(subscription)) return;
        try {
          subscription.handler(message);
        } catch (error) {
          this.onHandlerError(error, doc);
        }
      });
    }
  }

  private subscribe(node: string, doc: string, handler: BusHandler): () => void {
    const subscription: Subscription = { node, handler };
    let subscribers = this.subscriptions.get(doc);
    if (!subscribers) {
      subscribers = new Set();
      this.subscriptions.set(doc, subscribers);
    }
    subscribers.add(subscription);
    return () => {
      const current = this.subscriptions.get(doc);
      if (!current?.delete(subscription)) return;
      if (current.size === 0) this.subscriptions.delete(doc);
    };
  }
}
