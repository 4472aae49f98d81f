/**
 * @module UpstreamConfirmations
 * Which of a hub's documents the upstream (the school server) already holds, per document, so
 * a student's app can say "Saved to the school server" (issue 14, the third save level).
 *
 * Per document the hub remembers two facts from its last successful replication of it:
 * - `sv`: the state vector the upstream has confirmed (the hub's state at the cut it pushed,
 *   or the state both sides had when their digests were equal). A client's insert with clock
 *   `c` under client id `id` is on the upstream when `sv[id] >= c`.
 * - whether any commit landed on the hub since that cut (`commits` vs `syncedAt`): deletions
 *   add no clock, so only "nothing changed since the upstream matched us" confirms them.
 *
 * Invariants:
 * - Never claims more than the upstream has: the sequence number and the state vector are
 *   read before the state that was pushed (a commit in between only makes the claim smaller).
 * - In memory only: after a restart nothing is confirmed until the first pass (seconds with
 *   the upstream up). Memory is one small map per document of the hub's classes.
 */

/** What a client learns about one document (see {@link UpstreamConfirmations.report}). */
export interface UpstreamDocReport {
  /** No commit reached the hub since the upstream matched it: everything the hub holds is upstream. */
  inSync: boolean;
  /** For each asked client id, the highest clock the upstream holds (0 when none). */
  clocks: Record<string, number>;
}

interface DocFacts {
  /** Commits seen on the hub (room hook "committed"). */
  commits: number;
  /** `commits` at the cut the upstream last confirmed; -1 = never. */
  syncedAt: number;
  sv: Map<number, number>;
}

export class UpstreamConfirmations {
  private readonly docs = new Map<string, DocFacts>();

  /** A commit landed on the hub (before its acks reached any client: same tick). */
  committed(doc: string): void {
    this.facts(doc).commits += 1;
  }

  /** The cut to claim for `doc`: read before the state it pushes. */
  cut(doc: string): number {
    return this.facts(doc).commits;
  }

  /** The upstream holds `doc` as of `cut` with state vector `sv`. */
  confirmed(doc: string, cut: number, sv: Map<number, number>): void {
    const facts = this.facts(doc);
    if (cut < facts.syncedAt) return; // An older pass finishing late claims less.
    facts.syncedAt = cut;
    for (const [client, clock] of sv) if (clock > (facts.sv.get(client) ?? 0)) facts.sv.set(client, clock);
  }

  report(doc: string, clients: readonly number[]): UpstreamDocReport {
    const facts = this.docs.get(doc);
    const clocks: Record<string, number> = {};
    for (const client of clients) clocks[String(client)] = facts?.sv.get(client) ?? 0;
    return { inSync: facts !== undefined && facts.syncedAt === facts.commits, clocks };
  }

  private facts(doc: string): DocFacts {
    let facts = this.docs.get(doc);
    if (!facts) {
      facts = { commits: 0, syncedAt: -1, sv: new Map() };
      this.docs.set(doc, facts);
    }
    return facts;
  }
}
