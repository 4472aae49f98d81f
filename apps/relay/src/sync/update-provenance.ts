/**
 * @module update-provenance
 * Stamps an accepted update with its provenance (issue 11, item 3): the sender from its
 * verified token, the relay's clock, and the clock ranges the update check already computed
 * (no second decode on the hot path, bench/FINDINGS.md F1).
 *
 * Invariants:
 * - Called before the update is applied: inserts are clipped to what the doc does not hold
 *   yet, exactly the structs the stored (diffed) update keeps.
 * - `at` is the relay's `Date.now()`; nothing from the client's clock is read.
 */
import * as Y from "yjs";
import type { ClockRange, TokenClaims } from "@quire/core";
import type { UpdateProvenance } from "@quire/storage";

/** What an update carries, from its check (after client-id binding left foreign structs out). */
export interface AuthoredContent {
  structRanges: readonly ClockRange[];
  deletes: readonly ClockRange[];
  /** Sent as the sender's sync step 2 (a new connection's catch-up), not live. */
  catchUp?: boolean;
  /**
   * The update is plain (plain-update.ts: one contiguous run per client in `structRanges`), so
   * the room may skip its diff against the doc when every run starts past the doc's state.
   */
  plain?: boolean;
}

export function stampProvenance(doc: Y.Doc, sender: Pick<TokenClaims, "sub" | "name">, authored: AuthoredContent): UpdateProvenance {
  const inserts: ClockRange[] = [];
  for (const range of authored.structRanges) {
    const known = Y.getState(doc.store, range.client);
    const end = range.clock + range.len;
    if (end <= known) continue;
    const clock = Math.max(range.clock, known);
    inserts.push({ client: range.client, clock, len: end - clock });
  }
  const provenance: UpdateProvenance = { userId: sender.sub, name: sender.name, at: Date.now(), inserts, deletes: [...authored.deletes] };
  if (authored.catchUp) provenance.catchUp = true;
  return provenance;
}
