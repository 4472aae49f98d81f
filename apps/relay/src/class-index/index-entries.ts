/**
 * @module index-entries
 * Reading and copying entries of a workspace index doc (`Y.Map "docs"`: docId → `Y.Map` of
 * fields, as @quire/client WorkspaceIndex writes them) for the relay's own index writes
 * (IndexSplitter). Entries came from clients, so only document ids and plain field values
 * (strings, finite numbers, null) are copied.
 */
import type { ClockRange } from "@quire/core";
import * as Y from "yjs";
import type { AuthoredContent } from "../sync/update-provenance.ts";

/** The same id shape the app gives documents (`d` + 10 of a-z0-9, @quire/client doc-id). */
const DOC_ID = /^d[a-z0-9]{10}$/;

/** Ids of the document entries of an index doc. */
export function entryIds(doc: Y.Doc): string[] {
  const ids: string[] = [];
  for (const [id, fields] of doc.getMap("docs").entries()) if (DOC_ID.test(id) && fields instanceof Y.Map) ids.push(id);
  return ids;
}

/** Copies entry `id` of `source` into `target` (in the caller's transaction) unless `target` has it. */
export function copyEntry(source: Y.Doc, target: Y.Doc, id: string): void {
  const fields = source.getMap("docs").get(id);
  const docs = target.getMap("docs");
  if (!(fields instanceof Y.Map) || docs.has(id)) return;
  const copy = new Y.Map<unknown>();
  for (const [key, value] of fields.entries()) {
    if (typeof value === "string" || value === null || (typeof value === "number" && Number.isFinite(value))) copy.set(key, value);
  }
  docs.set(id, copy);
}

/** The provenance of an update the relay made: every struct and delete in it is the relay's. */
export function relayAuthored(update: Uint8Array): AuthoredContent {
  const { structs, ds } = Y.decodeUpdate(update);
  const structRanges: ClockRange[] = [];
  for (const struct of structs) structRanges.push({ client: struct.id.client, clock: struct.id.clock, len: struct.length });
  const deletes: ClockRange[] = [];
  for (const [client, items] of ds.clients) for (const item of items) deletes.push({ client, clock: item.clock, len: item.len });
  return { structRanges, deletes };
}
