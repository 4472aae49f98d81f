/**
 * @module doc-access
 * The one place the history API decides what a verified token may do with a document:
 * "edit" (name, hand in, restore, revert — and read), "read" (every history view), or
 * nothing. The socket applies the same rule (claimsCoverDoc, roles). Issue 13's classes and
 * roles replace this body with its per-member decision (canRead / canWrite); callers only see
 * this signature.
 */
import { type TokenClaims, claimsCoverDoc } from "@quire/core";

export type DocAccess = "edit" | "read" | null;

export function docAccess(claims: Pick<TokenClaims, "doc" | "workspace" | "role">, doc: string): DocAccess {
  if (!claimsCoverDoc(claims, doc)) return null;
  return claims.role === "editor" ? "edit" : "read";
}
