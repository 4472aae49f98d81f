/**
 * @module doc-state
 * A canonical description of a Yjs doc for equality checks: the content of every root type
 * (rich text with formatting and embeds, maps, arrays, recursively), the state vector and the
 * delete set (via the snapshot, whose delete set Yjs sorts and merges). Two replicas are
 * "identical" when all three match — content alone could hide a missing deleted item.
 */
import * as Y from "yjs";

/** Root types the simulator edits (and that the Lexical binding uses: `root` is an XmlText). */
export const ROOTS = {
  text: "root",
  map: "meta",
  array: "list",
} as const;

export interface DocState {
  content: unknown;
  stateVector: Record<string, number>;
  snapshot: string;
}

export function describeDoc(doc: Y.Doc): DocState {
  const content = {
    [ROOTS.text]: normalize(doc.get(ROOTS.text, Y.XmlText)),
    [ROOTS.map]: normalize(doc.getMap(ROOTS.map)),
    [ROOTS.array]: normalize(doc.getArray(ROOTS.array)),
  };
  const stateVector: Record<string, number> = {};
  for (const [client, clock] of [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0])) {
    stateVector[String(client)] = clock;
  }
  const snapshot = Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString("base64");
  return { content, stateVector, snapshot };
}

/** Recursively turns Yjs types into plain JSON, keeping rich-text attributes and embeds. */
export function normalize(value: unknown): unknown {
  if (value instanceof Y.XmlText) {
    return {
      xmlText: value.toDelta().map((op: { insert: unknown; attributes?: Record<string, unknown> }) => ({
        insert: typeof op.insert === "string" ? op.insert : normalize(op.insert),
        ...(op.attributes ? { attributes: op.attributes } : {}),
      })),
      attrs: value.getAttributes(),
    };
  }
  if (value instanceof Y.Map) {
    const out: Record<string, unknown> = {};
    for (const key of [...value.keys()].sort()) out[key] = normalize(value.get(key));
    return { map: out };
  }
  if (value instanceof Y.Array) return { array: value.toArray().map(normalize) };
  if (value instanceof Y.Text) return { text: value.toDelta() };
  return value;
}

/** Builds a doc from stored updates (e.g. the relay's SQLite rows). */
export function docFromUpdates(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

/**
 * What `observed` holds that `base` lacks: structs beyond base's state vector, deletions not in
 * base's delete set, or structs base only holds as pending. Empty list = base contains observed.
 */
export function missingFrom(base: Y.Doc, observed: Y.Doc): string[] {
  const problems: string[] = [];
  const baseSv = Y.decodeStateVector(Y.encodeStateVector(base));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(observed))) {
    const have = baseSv.get(client) ?? 0;
    if (have < clock) problems.push(`client ${client}: base has clock ${have}, observed ${clock}`);
  }
  const merged = new Y.Doc({ gc: false });
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(base));
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(observed));
  const before = describeDoc(base);
  const after = describeDoc(merged);
  if (before.snapshot !== after.snapshot) problems.push("observed deletions absent from base");
  if (JSON.stringify(before.content) !== JSON.stringify(after.content)) problems.push("content differs after merging observed");
  merged.destroy();
  return problems;
}

/** Fails with a readable diff when two doc states differ. */
export function diffStates(a: DocState, b: DocState): string | null {
  if (JSON.stringify(a.stateVector) !== JSON.stringify(b.stateVector)) {
    return `state vectors differ: ${JSON.stringify(a.stateVector)} vs ${JSON.stringify(b.stateVector)}`;
  }
  if (a.snapshot !== b.snapshot) return "delete sets differ (snapshots differ)";
  const ca = JSON.stringify(a.content);
  const cb = JSON.stringify(b.content);
  if (ca !== cb) return `content differs:\n  ${ca.slice(0, 400)}\n  ${cb.slice(0, 400)}`;
  return null;
}

/** True when the state vector `sv` is covered by `doc`'s state vector. */
export function covers(doc: Y.Doc, sv: Map<number, number>): string[] {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  const gaps: string[] = [];
  for (const [client, clock] of sv) {
    if ((have.get(client) ?? 0) < clock) gaps.push(`client ${client}: stored ${have.get(client) ?? 0} < acked ${clock}`);
  }
  return gaps;
}
