/**
 * @module socket-close
 * Waiting for a closing websocket, bounded: a dead network never completes the close handshake.
 */

/** Longest wait for a closing socket's close handshake. */
export const SOCKET_CLOSE_WAIT_MS = 3_000;

/**
 * Resolves once `socket` is really closed (or after {@link SOCKET_CLOSE_WAIT_MS}), so a caller
 * that bounds open sockets (background sync) never holds more than its limit, closing ones included.
 */
export async function whenSocketClosed(socket: WebSocket | null): Promise<void> {
  if (!socket || socket.readyState === socket.CLOSED) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, SOCKET_CLOSE_WAIT_MS);
    socket.addEventListener("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
