/**
 * @module share-link-responses
 * Shape checks for the relay's share-link answers (issue 13: read-only links for a parent or
 * a partner school; docs/protocol.md "Classes"). Whatever the relay sends is checked before
 * the dashboard shows it, as for the other class answers.
 */
import { responseChecks } from "./response-checks.ts";

export interface ShareLink {
  id: string;
  /** The document's id within the workspace; null for a link to a whole class or group. */
  docId: string | null;
  /** With `docId` null: the group whose documents it opens, or null for the whole class. */
  groupId?: string | null;
  /** Who the link is for, as the teacher wrote it. */
  label: string;
  createdAt: number;
}

/** Bounds on what a share-link answer may hold: the relay's own limits, with room. */
export const SHARE_LINK_LIMITS = { maxLinks: 1_000, maxString: 200 } as const;
/** The secret: 32 random bytes, base64url. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;
const LINK_ID = /^sl_[A-Za-z0-9_-]{16}$/;

const { bad, object, list } = responseChecks("share link response");

function text(v: unknown, what: string): string {
  if (typeof v !== "string" || v.length === 0 || v.length > SHARE_LINK_LIMITS.maxString) throw bad(`${what} is not a short text`);
  return v;
}

export function parseShareLink(v: unknown, what = "link"): ShareLink {
  const o = object(v, what);
  const id = text(o.id, `${what}.id`);
  if (!LINK_ID.test(id)) throw bad(`${what}.id is not a link id`);
  if (typeof o.createdAt !== "number" || !Number.isFinite(o.createdAt)) throw bad(`${what}.createdAt is not a time`);
  const label = text(o.label, `${what}.label`);
  if (o.docId === null) {
    const groupId = o.groupId === null || o.groupId === undefined ? null : text(o.groupId, `${what}.groupId`);
    return { id, docId: null, groupId, label, createdAt: o.createdAt };
  }
  return { id, docId: text(o.docId, `${what}.docId`), label, createdAt: o.createdAt };
}

/** `GET …/share-links`. */
export function parseShareLinks(raw: unknown): ShareLink[] {
  return list(object(raw, "answer").links, SHARE_LINK_LIMITS.maxLinks, "links").map((l, i) => parseShareLink(l, `links[${i}]`));
}

/** `POST …/share-links`: the link and its secret (shown once). */
export function parseCreatedShareLink(raw: unknown): { link: ShareLink; secret: string } {
  const o = object(raw, "answer");
  if (typeof o.secret !== "string" || !SECRET.test(o.secret)) throw bad("secret is not 43 base64url characters");
  return { link: parseShareLink(o.link), secret: o.secret };
}
