/**
 * @module plain-update
 * Recognises a "plain" update — the shape of a typical keystroke — from its decoding alone, so
 * the relay can skip two pieces of Yjs work that cannot change anything for it
 * (bench/FINDINGS.md F15):
 *
 * 1. The scratch-doc trial of `checkUpdate` (applying the update into an empty doc). Yjs's
 *    `integrateStructs` integrates a struct into an empty doc only if its clock is 0 (`offset =
 *    localClock - clock` must be ≥ 0); a struct past clock 0 — every struct of a plain update —
 *    and everything after it of that client becomes pending without `getMissing` or
 *    `integrate` ever running. What the trial still does then is re-encode the pending structs
 *    and the delete set in the V2 format, and that can throw for exactly these shapes, which a
 *    plain update excludes: a delete range of length 0 (`writeDsLen` refuses 0), and a JSON or
 *    `any` value nested deep enough that the recursive `writeAny` overflows the stack. Sub-docs
 *    (ContentDoc), GC and Skip structs and zero-length structs are excluded too: they never
 *    occur in a keystroke, and leaving them to the trial keeps this proof short.
 * 2. `Y.diffUpdate` in DocumentRoom.commit: a plain update has one struct section per client,
 *    each one contiguous run; when every run starts at or past the doc's state for its client,
 *    the diff would keep every struct and the delete set as they are, so the update is stored
 *    and applied as received (same bytes in the row and in the live doc).
 *
 * `plain-update.test.ts` checks, on seeded random and hostile updates, that whatever this calls
 * plain the scratch trial accepts too.
 */
import * as decoding from "lib0/decoding";
import * as Y from "yjs";

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/**
 * Nesting allowed in a JSON / `any` value of a plain update. Formatting attributes and embeds
 * from the editor nest 2–3 levels; `writeAny` overflows the stack only thousands deep.
 */
const MAX_VALUE_DEPTH = 16;

/** True when `value` nests no deeper than `depth` levels of arrays / objects. */
function shallow(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== "object" || value instanceof Uint8Array) return true;
  if (depth === 0) return false;
  if (Array.isArray(value)) {
    for (const element of value) if (!shallow(element, depth - 1)) return false;
    return true;
  }
  for (const key in value) if (!shallow((value as Record<string, unknown>)[key], depth - 1)) return false;
  return true;
}

function plainContent(content: Y.Item["content"]): boolean {
  if (content instanceof Y.ContentString || content instanceof Y.ContentDeleted || content instanceof Y.ContentType || content instanceof Y.ContentBinary) {
    return true;
  }
  if (content instanceof Y.ContentFormat) return shallow(content.value, MAX_VALUE_DEPTH);
  if (content instanceof Y.ContentAny) return shallow(content.arr, MAX_VALUE_DEPTH);
  if (content instanceof Y.ContentEmbed) return shallow(content.embed, MAX_VALUE_DEPTH);
  if (content instanceof Y.ContentJSON) return shallow(content.arr, MAX_VALUE_DEPTH);
  // ContentDoc (sub-documents): never sent by the editor; left to the trial.
  return false;
}

/**
 * Whether `update` (V1, already decoded into `decoded`) is plain: every struct an Item of
 * length > 0 at a clock > 0 with bounded content; per client exactly one section, one
 * contiguous run; every delete range of length > 0.
 */
export function isPlainUpdate(update: Uint8Array, decoded: Decoded): boolean {
  let client = -1;
  let next = 0;
  let clients = 0;
  const seen = new Set<number>();
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item) || struct.length <= 0 || struct.id.clock <= 0) return false;
    if (struct.id.client !== client) {
      // A client seen before in another section: two sections of one client (Yjs keeps only
      // the last one when it integrates, the diff keeps both).
      if (seen.has(struct.id.client)) return false;
      seen.add(struct.id.client);
      client = struct.id.client;
      clients++;
    } else if (struct.id.clock !== next) return false;
    next = struct.id.clock + struct.length;
    if (!plainContent(struct.content)) return false;
  }
  for (const ranges of decoded.ds.clients.values()) {
    for (const range of ranges) if (range.len <= 0) return false;
  }
  // The header's section count must equal the clients seen: an extra section (empty, or a
  // client repeated contiguously) would be invisible in the decoded struct list.
  let sections: number;
  try {
    sections = decoding.readVarUint(decoding.createDecoder(update));
  } catch {
    return false;
  }
  return sections === clients;
}
