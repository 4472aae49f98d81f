/**
 * @module authorize-socket
 * Decides whether a websocket may open `docName` with `token` (subprotocol or `?token=`).
 * 4401: missing, malformed, forged or expired token; 4403: valid token for another doc, or
 * revoked, or (issue 13) the class member behind it was removed or is not in the document's
 * group (ClassAccess).
 */
import { CloseCode, type TokenClaims, claimsCoverDoc } from "@quire/core";
import type { ClassAccess } from "../access/ClassAccess.ts";
import type { RevocationStore } from "../storage/RevocationStore.ts";
import type { TokenService } from "./TokenService.ts";

export type SocketAuthorization =
  | { ok: true; claims: TokenClaims }
  | { ok: false; code: typeof CloseCode.Unauthorized | typeof CloseCode.Forbidden; reason: string };

export async function authorizeSocket(
  tokens: TokenService,
  revocations: RevocationStore,
  access: ClassAccess,
  token: string | null,
  docName: string,
): Promise<SocketAuthorization> {
  const check = await tokens.verify(token ?? undefined);
  if (!check.ok) return { ok: false, code: CloseCode.Unauthorized, reason: `unauthorized: ${check.message}` };
  return authorizeDoc(revocations, access, check.claims, docName);
}

/**
 * The document part of the decision, for claims already verified: a `/mux` socket verifies its
 * token once and asks this for every channel it opens (the token may have expired since).
 */
export function authorizeDoc(
  revocations: RevocationStore,
  access: ClassAccess,
  claims: TokenClaims,
  docName: string,
  /** When set, claims that expired by then are refused (verify checked them at an earlier time). */
  expiredBy: number | null = null,
): SocketAuthorization {
  if (expiredBy !== null && claims.exp * 1000 <= expiredBy) return { ok: false, code: CloseCode.Unauthorized, reason: "unauthorized: token expired" };
  if (!claimsCoverDoc(claims, docName)) {
    const scope = claims.doc !== undefined ? `document ${claims.doc}` : `workspace ${claims.workspace}`;
    return { ok: false, code: CloseCode.Forbidden, reason: `forbidden: token is for ${scope}, not ${docName}` };
  }
  if (revocations.isRevoked(claims.jti)) {
    return { ok: false, code: CloseCode.Forbidden, reason: "forbidden: token has been revoked" };
  }
  const read = access.mayReadDoc(claims, docName);
  if (!read.ok) return { ok: false, code: CloseCode.Forbidden, reason: `forbidden: ${read.reason}` };
  return { ok: true, claims };
}
