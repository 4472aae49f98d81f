/**
 * @module RelaySim
 * The relay's provenance seam reproduced in-process for unit tests of this pure library: each
 * accepted update becomes a ProvenanceRecord as issue 11 specifies (inserts = structs new to
 * the relay, deletes = what applying it deleted, relay time, sender, catch-up flag), and
 * is then delivered to every connected client. Clients are real Yjs docs with fixed client ids;
 * an offline client keeps its updates and sends them merged, as a catch-up, on reconnect.
 */
import type { ProvenanceRecord } from "@quire/core";
import { createQuireDoc } from "@quire/core";
import * as Y from "yjs";
import type { Author } from "../DocHistory.ts";

export const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);

export class SimClient {
  readonly doc: Y.Doc;
  online = true;
  pending: Uint8Array[] = [];
  constructor(
    readonly user: Author,
    readonly clientId: number,
  ) {
    this.doc = createQuireDoc();
    this.doc.clientID = clientId;
    this.doc.on("update", (u: Uint8Array, origin: unknown) => {
      if (origin !== "relay") this.pending.push(u);
    });
  }
}

export class RelaySim {
  readonly doc = createQuireDoc();
  readonly records: ProvenanceRecord[] = [];
  readonly bindings = new Map<number, Author>();
  readonly clients: SimClient[] = [];
  now = T0;
  /** Called after each record is stored and applied (the tests' model watches here). */
  onRecord: ((record: ProvenanceRecord) => void) | null = null;
  private seq = 0;

  client(userId: string, name: string, clientId: number): SimClient {
    const c = new SimClient({ userId, name }, clientId);
    this.bindings.set(clientId, { userId, name });
    this.clients.push(c);
    Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(this.doc), "relay");
    return c;
  }

  /** Advances relay time. */
  wait(ms: number): void {
    this.now += ms;
  }

  /** Accepts one update from `sender` as one record; returns its seq (or null if nothing new). */
  receive(update: Uint8Array, sender: Author, catchUp = false, updates = 1): number | null {
    const before = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    // Deletes are what applying the update deleted in the relay's doc: the update's delete set
    // plus Yjs's follow-up formatting cleanup (it deletes redundant format items in a second
    // transaction on every peer that integrates remote text changes; no update carries those).
    const deletes: { client: number; clock: number; len: number }[] = [];
    const collect = (tr: Y.Transaction) => {
      for (const [client, items] of tr.deleteSet.clients) for (const d of items) deletes.push({ client, clock: d.clock, len: d.len });
    };
    this.doc.on("afterTransaction", collect);
    try {
      Y.applyUpdate(this.doc, update, "client");
    } finally {
      this.doc.off("afterTransaction", collect);
    }
    const after = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    const inserts = [];
    for (const [client, end] of after) {
      const start = before.get(client) ?? 0;
      if (end > start) inserts.push({ client, clock: start, len: end - start });
    }
    if (inserts.length === 0 && deletes.length === 0) return null;
    const seq = ++this.seq;
    const record: ProvenanceRecord = {
      seq,
      userId: sender.userId,
      name: sender.name,
      firstAt: this.now,
      lastAt: this.now,
      inserts,
      deletes,
      updates,
      bytes: update.byteLength,
    };
    if (catchUp) record.catchUp = true;
    this.records.push(record);
    this.onRecord?.(record);
    this.broadcast();
    return seq;
  }

  /** Sends what a connected client has pending (one record per flush). */
  flush(c: SimClient): number | null {
    if (!c.online || c.pending.length === 0) return null;
    const n = c.pending.length;
    const update = Y.mergeUpdates(c.pending);
    c.pending = [];
    return this.receive(update, c.user, false, n);
  }

  goOffline(c: SimClient): void {
    this.flush(c);
    c.online = false;
  }

  /** Reconnects: the client's unsent work arrives as one catch-up record, then it syncs. */
  reconnect(c: SimClient): number | null {
    c.online = true;
    let seq: number | null = null;
    if (c.pending.length > 0) {
      const update = Y.mergeUpdates(c.pending);
      c.pending = [];
      seq = this.receive(update, c.user, true);
    }
    this.broadcast();
    return seq;
  }

  private broadcast(): void {
    for (const c of this.clients) {
      if (!c.online) continue;
      Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(c.doc)), "relay");
    }
  }
}
