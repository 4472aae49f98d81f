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
  if (!claimsCoverDoc(check.claims, docName)) {
    const scope = check.claims.doc !== undefined ? `document ${check.claims.doc}` : `workspace ${check.claims.workspace}`;
    return { ok: false, code: CloseCode.Forbidden, reason: `forbidden: token is for ${scope}, not ${docName}` };
  }
  if (revocations.isRevoked(check.claims.jti)) {
    return { ok: false, code: CloseCode.Forbidden, reason: "forbidden: token has been revoked" };
  }
  const read = access.mayReadDoc(check.claims, docName);
  if (!read.ok) return { ok: false, code: CloseCode.Forbidden, reason: `forbidden: ${read.reason}` };
  return { ok: true, claims: check.claims };
}
