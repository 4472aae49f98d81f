/**
 * @module token-subprotocol
 * Carrying a relay token in the websocket handshake's `Sec-WebSocket-Protocol` header instead
 * of the URL. Browsers print a failed socket's URL in the console ("WebSocket connection to
 * 'ws://…?token=…' failed"), and proxies log URLs; the protocol header is in neither.
 *
 * The client offers two subprotocols: {@link TOKEN_SUBPROTOCOL} (`quire`) and
 * `quire-token.<token>`. The relay answers `quire` — a browser fails the handshake unless the
 * server picks one of the offered values — and never echoes the token. Relay tokens are
 * `base64url "." base64url`, all of them characters the header allows (RFC 6455 §4.1 token
 * characters), so no encoding is needed. `?token=` stays for stock y-websocket clients.
 */

/** The subprotocol the relay selects when a token arrives in the header. */
export const TOKEN_SUBPROTOCOL = "quire";
/** Prefix of the offered subprotocol that carries the token. */
export const TOKEN_SUBPROTOCOL_PREFIX = "quire-token.";

/**
 * The subprotocols a client offers to send `token` in the handshake header.
 * @example new WebSocket(url, tokenSubprotocols(token))
 */
export function tokenSubprotocols(token: string): string[] {
  return [TOKEN_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${token}`];
}

/** The token among offered subprotocols, or null when none carries one. */
export function tokenFromSubprotocols(offered: Iterable<string>): string | null {
  for (const protocol of offered) {
    if (protocol.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) return protocol.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
  }
  return null;
}
