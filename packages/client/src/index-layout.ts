/**
 * @module index-layout
 * Which parts of a class's split document list a member reads (issue 13; @quire/core
 * indexPartDocName), as the relay's `GET …/documents` says and DocumentAccess keeps it in
 * localStorage. Both are untrusted, so a layout is checked whole before it is used.
 */

/** Which parts of a split index (@quire/core indexPartDocName) a member reads and writes new entries to. */
export interface IndexLayout {
  /** `class` and group ids, `class` first. */
  parts: string[];
  /** The part new documents go in (one of `parts`). */
  createIn: string;
}

/** A part name: the class part or a group id (`g_` + 8 base64url characters). */
const INDEX_PART = /^(class|g_[A-Za-z0-9_-]{8})$/;
/** A class has at most 200 groups (relay MAX_GROUPS_PER_CLASS), plus the class part. */
const MAX_PARTS = 201;

/** True when both name the same parts in the same order and the same part for new documents. */
export function sameLayout(a: IndexLayout | null, b: IndexLayout | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The layout in `value` (untrusted: a stored copy or the relay's answer), or null. */
export function parseIndexLayout(value: unknown): IndexLayout | null {
  if (typeof value !== "object" || value === null) return null;
  const { parts, createIn } = value as { parts?: unknown; createIn?: unknown };
  if (!Array.isArray(parts) || parts.length === 0 || parts.length > MAX_PARTS) return null;
  if (!parts.every((p): p is string => typeof p === "string" && INDEX_PART.test(p))) return null;
  if (typeof createIn !== "string" || !parts.includes(createIn)) return null;
  return { parts: [...new Set(parts)], createIn };
}

