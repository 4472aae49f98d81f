/**
 * @module hub-upstream-report
 * A classroom hub's answer to `GET /api/hub/upstream` (issue 14): what the school server holds
 * of one document. Validated before use (the relay is a trust boundary): only the document and
 * the client ids asked, clocks as non-negative safe integers.
 */

export interface HubUpstreamReport {
  /** The school server holds everything the hub holds of the document. */
  inSync: boolean;
  /** Client id → the school server's clock for it, for the ids asked. */
  clocks: Map<number, number>;
}

/** A report about `doc` naming only the client ids asked; anything else → null. */
export function parseHubUpstreamReport(data: unknown, doc: string, asked: readonly number[]): HubUpstreamReport | null {
  if (typeof data !== "object" || data === null) return null;
  const { doc: name, inSync, clocks } = data as { doc?: unknown; inSync?: unknown; clocks?: unknown };
  if (name !== doc || typeof inSync !== "boolean" || typeof clocks !== "object" || clocks === null) return null;
  const wanted = new Set(asked);
  const parsed = new Map<number, number>();
  for (const [key, value] of Object.entries(clocks)) {
    const client = Number(key);
    if (!wanted.has(client) || typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) return null;
    parsed.set(client, value);
  }
  return { inSync, clocks: parsed };
}
