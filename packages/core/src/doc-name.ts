/**
 * @module doc-name
 * Document names cross every trust boundary (URL path, token claim, SQLite key, IndexedDB
 * database name), so they are validated in one place with one grammar.
 *
 * Grammar: 1–4 segments joined by `/`; each segment starts with a letter or digit and then
 * holds letters, digits, `.`, `_` or `-`; a segment may not be `.` or `..`-like because it
 * must start with an alphanumeric. Total length ≤ {@link MAX_DOC_NAME_LENGTH}.
 * Workspace docs are named `<workspaceId>/<docId>`; the workspace's own index is
 * `<workspaceId>/index`.
 */

/** Long enough for `<workspace>/<doc>` ids with room to spare; short enough to index cheaply. */
export const MAX_DOC_NAME_LENGTH = 200;

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_SEGMENTS = 4;

export type DocNameCheck = { ok: true; name: string } | { ok: false; reason: string };

/**
 * Checks a document name against Quire's grammar.
 * @example
 * checkDocName('w_7f3a/report') // { ok: true, name: 'w_7f3a/report' }
 * checkDocName('../etc/passwd') // { ok: false, reason: ... }
 */
export function checkDocName(input: unknown): DocNameCheck {
  if (typeof input !== "string") return { ok: false, reason: "document name must be a string" };
  if (input.length === 0) return { ok: false, reason: "document name is empty" };
  if (input.length > MAX_DOC_NAME_LENGTH) {
    return { ok: false, reason: `document name longer than ${MAX_DOC_NAME_LENGTH} characters` };
  }
  const segments = input.split("/");
  if (segments.length > MAX_SEGMENTS) {
    return { ok: false, reason: `document name has more than ${MAX_SEGMENTS} segments` };
  }
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) {
      return {
        ok: false,
        reason: "document name segments must start with a letter or digit and contain only letters, digits, '.', '_' or '-'",
      };
    }
  }
  return { ok: true, name: input };
}

/** True when `name` is a valid document name. */
export function isValidDocName(input: unknown): input is string {
  return checkDocName(input).ok;
}

/** Throws a `TypeError` with the reason when `name` is not a valid document name. */
export function assertDocName(input: unknown): string {
  const check = checkDocName(input);
  if (!check.ok) throw new TypeError(check.reason);
  return check.name;
}

/** The workspace a doc belongs to: its first segment, or `null` for a single-segment name. */
export function workspaceOf(docName: string): string | null {
  const slash = docName.indexOf("/");
  return slash === -1 ? null : docName.slice(0, slash);
}

/** Name of the Yjs doc that lists a workspace's documents. */
export function workspaceIndexDocName(workspaceId: string): string {
  return `${workspaceId}/index`;
}

/**
 * Where a class with groups keeps its list of documents once the relay split it (issue 13):
 * one index doc per audience, because a Yjs doc cannot be served in part — whoever syncs it
 * gets every entry, deleted ones included (docs are `gc: false`). `class` lists the class-wide
 * documents (every member reads it); a group id lists that group's (its members and the
 * teachers read it). The workspace's own `<workspaceId>/index` then lists nothing new and only
 * teachers may open it: it still holds every title from before the split.
 */
export type IndexPart = "class" | (string & {});

/** The class-wide part of a split index. */
export const CLASS_INDEX_PART = "class";

/** Name of one part (`class` or a group id) of a split workspace index. */
export function indexPartDocName(workspaceId: string, part: IndexPart): string {
  return `${workspaceId}/index/${part}`;
}

/** The workspace and part of a split index's doc name, or null for any other name. */
export function parseIndexPartDocName(docName: string): { workspace: string; part: IndexPart } | null {
  const segments = docName.split("/");
  if (segments.length !== 3 || segments[1] !== "index" || !segments[0] || !segments[2]) return null;
  return { workspace: segments[0], part: segments[2] };
}
