/**
 * @module ReplicaTabs
 * A {@link DocReplica}'s side of the other tabs of this browser holding the same device copy
 * (README "Two tabs of one document"): the {@link TabChannel} between them and the device copy's
 * {@link DeviceWriterLock}.
 *
 * Invariants:
 * - An edit that came over the channel was stored and sent by the tab that made it: this tab
 *   stores it not again (`storedElsewhere`) and its relay link withholds it (`fromAnotherTab`).
 * - Only the tab holding the writer lock stores updates from the relay; a tab that skipped some
 *   and then gets the lock stores its whole state once. Without Web Locks every tab stores all.
 * - The channel and the lock open only once the device copy is loaded, and never for replicas
 *   that stay off them (background sync's short-lived ones, tests sharing one process).
 */
import type { DeviceStore } from "./DeviceStore.ts";
import { DeviceWriterLock } from "./DeviceWriterLock.ts";
import { sendUnconfirmed } from "./relay-withhold.ts";
import { TabChannel } from "./TabChannel.ts";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";

export interface ReplicaTabsDeps {
  /** The device copy's database name: one channel and one lock per person and document. */
  name: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Whether an update with this origin came from the relay or the device copy (not an edit here). */
  isExternal(origin: unknown): boolean;
  /** Another tab heard the relay acknowledge this state vector. */
  onAck(stateVector: Map<number, number>): void;
  /** Local changes the relay has not confirmed. */
  pendingChanges(): number;
}

export class ReplicaTabs {
  private readonly channel: TabChannel;
  private writer: DeviceWriterLock | null = null;

  constructor(private readonly deps: ReplicaTabsDeps) {
    this.channel = new TabChannel({
      name: deps.name,
      doc: deps.doc,
      isLocalEdit: (origin) => !deps.isExternal(origin) && origin !== this.channel,
      // Counted by the tracker like this tab's own edits (they show here): a sibling's ack confirms them.
      onAck: deps.onAck,
      // A tab left with edits the relay has not confirmed: send everything beyond its last acked state.
      onTabLeft: () => {
        if (deps.pendingChanges() > 0) sendUnconfirmed(deps.provider, this.channel.knownRelayState());
      },
    });
  }

  /** The device copy is loaded: join the channel and ask for the writer lock. */
  open(store: DeviceStore): void {
    this.channel.open();
    this.writer = DeviceWriterLock.request(this.deps.name, (skipped) => skipped && store.storeWholeState());
  }

  /** The update came over the channel: the tab that made it sent it to the relay. */
  fromAnotherTab(origin: unknown): boolean {
    return origin === this.channel;
  }

  /** Another tab stores this update: it made the edit, or it holds the writer lock. */
  storedElsewhere(origin: unknown): boolean {
    return origin === this.channel || (origin === this.deps.provider && this.writer?.skipRelayUpdate() === true);
  }

  /** This tab's relay link received an ack: tell the other tabs. */
  shareAck(stateVector: Map<number, number>): void {
    this.channel.shareAck(stateVector);
  }

  close(): void {
    this.channel.close();
    this.writer?.close();
  }
}
