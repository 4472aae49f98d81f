/**
 * @module socket-token
 * Where a websocket's token comes from: the `quire-token.<token>` subprotocol offered in the
 * handshake (the Quire web app: the header is not printed in the browser console or written
 * in proxy logs, issue 10) or else `?token=` in the URL (stock y-websocket clients). The
 * relay answers the plain `quire` subprotocol and never echoes the token
 * ({@link selectSubprotocol}). See @quire/core token-subprotocol.ts.
 */
import type { IncomingMessage } from "node:http";
import { TOKEN_SUBPROTOCOL, tokenFromSubprotocols } from "@quire/core";

/** The token a websocket upgrade carries, from the subprotocol header or the URL; null when none. */
export function socketToken(request: IncomingMessage, url: URL): string | null {
  const header = request.headers["sec-websocket-protocol"];
  if (typeof header === "string") {
    const token = tokenFromSubprotocols(header.split(",").map((p) => p.trim()));
    if (token !== null) return token;
  }
  return url.searchParams.get("token");
}

/**
 * ws `handleProtocols`: answer `quire` when offered, else no subprotocol. Never one of the
 * client's other offers: the token one must not come back in the response.
 */
export function selectSubprotocol(offered: Set<string>): string | false {
  return offered.has(TOKEN_SUBPROTOCOL) ? TOKEN_SUBPROTOCOL : false;
}
