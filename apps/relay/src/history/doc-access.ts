/**
 * @module doc-access
 * The one place the history API decides what a verified token may do with a document:
 * "edit" (name, hand in, restore, revert — and read), "read" (every history view), or
 * nothing. The token must cover the doc (claimsCoverDoc); then, when the relay runs classes
 * (issue 13), the member's own access decides (ClassAccess: groups, role, locks), exactly as
 * for the socket; without them, the token's role.
 */
import { type TokenClaims, claimsCoverDoc } from "@quire/core";

export type DocAccess = "edit" | "read" | null;

/** The per-member decisions (ClassAccess), as the history API needs them. */
export interface MemberAccess {
  mayReadDoc(claims: TokenClaims, doc: string): { ok: boolean };
  mayWriteDoc(claims: TokenClaims, doc: string): { ok: boolean };
}

export function docAccess(claims: TokenClaims, doc: string, members?: MemberAccess): DocAccess {
  if (!claimsCoverDoc(claims, doc)) return null;
  if (!members) return claims.role === "editor" ? "edit" : "read";
  if (!members.mayReadDoc(claims, doc).ok) return null;
  return members.mayWriteDoc(claims, doc).ok ? "edit" : "read";
}
