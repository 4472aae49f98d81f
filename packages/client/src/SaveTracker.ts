/**
 * @module SaveTracker
 * Decides whether the relay has every local change of one doc ("saved on the relay") and how
 * many local changes it has not confirmed yet. The relay acknowledges durable writes with its
 * stored state vector (Quire message type 100); a local change that inserted content is
 * confirmed when that vector covers the change's clock for the client id that made it. Remote
 * changes never count: they came from the relay, which had them first.
 *
 * Deletions do not advance a Yjs clock, so a state vector cannot cover them. A delete-only
 * change is confirmed by the first ack that arrives after it was sent (the relay acks a
 * connection's writes in order). Weakness, documented: if the relay batched an earlier ack with
 * a later in-flight delete, the delete may show as saved a few ms before it is durable.
 *
 * Client ids used on this device by earlier sessions are remembered (in the doc's IndexedDB,
 * see {@link PersistedSyncState}), so after a reload offline the app still knows which edits the
 * relay never confirmed.
 */

/** What survives a reload. */
export interface PersistedSyncState {
  v: 1;
  /** [clientId, highest local clock, unconfirmed changes] for clients with unconfirmed changes. */
  clients: [number, number, number][];
  /** Unconfirmed delete-only changes. */
  deletes: number;
}

/** Upper bound on remembered clients (a device makes one per doc load). */
const MAX_REMEMBERED_CLIENTS = 1_000;

type Entry = { kind: "insert"; client: number; clock: number } | { kind: "delete"; sentAfterAck: number | null };

export class SaveTracker {
  private entries: Entry[] = [];
  /** Earlier sessions' unconfirmed inserts (exact clocks unknown, so counted per client). */
  private readonly earlier = new Map<number, { clock: number; count: number }>();
  private readonly acked = new Map<number, number>();
  private ackCount = 0;
  /**
   * `entries` summarised per client (plus the delete count), kept up to date incrementally:
   * persisted() runs on every keystroke, and hours offline make `entries` long.
   */
  private summary = new Map<number, { clock: number; count: number }>();
  private deletes = 0;

  /** Adds what an earlier session left unconfirmed. */
  restore(persisted: PersistedSyncState | null): void {
    if (!persisted) return;
    for (const [client, clock, count] of persisted.clients) {
      const current = this.earlier.get(client);
      this.earlier.set(client, { clock: Math.max(clock, current?.clock ?? 0), count: count + (current?.count ?? 0) });
    }
    for (let i = 0; i < persisted.deletes; i++) this.entries.push({ kind: "delete", sentAfterAck: null });
    this.deletes += persisted.deletes;
  }

  /**
   * A local transaction by `client` moved its clock from `clockBefore` to `clockAfter`.
   * `sent` says whether it went to the relay right away (connected and synced).
   */
  recordLocal(client: number, clockBefore: number, clockAfter: number, sent: boolean): void {
    if (clockAfter > clockBefore) {
      if ((this.acked.get(client) ?? 0) >= clockAfter) return;
      this.entries.push({ kind: "insert", client, clock: clockAfter });
      const current = this.summary.get(client) ?? { clock: 0, count: 0 };
      this.summary.set(client, { clock: Math.max(current.clock, clockAfter), count: current.count + 1 });
    } else {
      this.entries.push({ kind: "delete", sentAfterAck: sent ? this.ackCount : null });
      this.deletes++;
    }
  }

  /** The connection synced: everything unsent so far went out in our sync step 2. */
  markSent(): void {
    for (const entry of this.entries) {
      if (entry.kind === "delete" && entry.sentAfterAck === null) entry.sentAfterAck = this.ackCount;
    }
  }

  /** The relay acknowledged a stored state with this state vector. */
  ack(stateVector: Map<number, number>): void {
    this.ackCount++;
    for (const [client, clock] of stateVector) {
      if (clock > (this.acked.get(client) ?? 0)) this.acked.set(client, clock);
    }
    this.entries = this.entries.filter((e) =>
      e.kind === "insert" ? (this.acked.get(e.client) ?? 0) < e.clock : e.sentAfterAck === null || e.sentAfterAck >= this.ackCount,
    );
    for (const [client, { clock }] of this.earlier) {
      if ((this.acked.get(client) ?? 0) >= clock) this.earlier.delete(client);
    }
    this.summary = new Map();
    this.deletes = 0;
    for (const entry of this.entries) {
      if (entry.kind === "delete") {
        this.deletes++;
        continue;
      }
      const current = this.summary.get(entry.client) ?? { clock: 0, count: 0 };
      this.summary.set(entry.client, { clock: Math.max(current.clock, entry.clock), count: current.count + 1 });
    }
  }

  /** Local changes the relay has not confirmed. */
  pendingChanges(): number {
    let count = this.entries.length;
    for (const { count: c } of this.earlier.values()) count += c;
    return count;
  }

  /** Acks received so far (the relay sends one after each sync and each durable write). */
  acks(): number {
    return this.ackCount;
  }

  /** The state to store beside the doc's updates, written in the same IndexedDB transaction. */
  persisted(): PersistedSyncState {
    const byClient = new Map<number, { clock: number; count: number }>();
    for (const [client, value] of this.earlier) byClient.set(client, { ...value });
    for (const [client, value] of this.summary) {
      const current = byClient.get(client) ?? { clock: 0, count: 0 };
      byClient.set(client, { clock: Math.max(current.clock, value.clock), count: current.count + value.count });
    }
    const deletes = this.deletes;
    const clients = [...byClient]
      .slice(-MAX_REMEMBERED_CLIENTS)
      .map(([client, v]): [number, number, number] => [client, v.clock, v.count]);
    return { v: 1, clients, deletes };
  }
}

/** Validates a stored {@link PersistedSyncState}; stored bytes are untrusted, bad input → null. */
export function parsePersistedSyncState(input: unknown): PersistedSyncState | null {
  if (typeof input !== "object" || input === null) return null;
  const { v, clients, deletes } = input as { v?: unknown; clients?: unknown; deletes?: unknown };
  if (v !== 1 || !Array.isArray(clients) || clients.length > MAX_REMEMBERED_CLIENTS) return null;
  if (typeof deletes !== "number" || !Number.isSafeInteger(deletes) || deletes < 0 || deletes > 100_000) return null;
  const valid: [number, number, number][] = [];
  for (const entry of clients) {
    if (!Array.isArray(entry) || entry.length !== 3) return null;
    const [client, clock, count] = entry as unknown[];
    if (![client, clock, count].every((n) => typeof n === "number" && Number.isSafeInteger(n) && n >= 0)) return null;
    valid.push([client as number, clock as number, count as number]);
  }
  return { v: 1, clients: valid, deletes };
}
