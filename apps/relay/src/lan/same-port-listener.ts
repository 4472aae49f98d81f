/**
 * @module same-port-listener
 * One port for https and a plain-http doorway (TLS on). A student who types
 * `192.168.137.1:8787` gets `http://` — browsers do not upgrade typed IP addresses to https —
 * and an https-only port would answer with bytes the browser shows as a broken page. Here the
 * first byte of each connection decides: a TLS handshake (0x16) goes to the https server, any
 * other to a tiny http server that redirects to the same address over https, and serves the
 * hub's CA certificate (public) so a device can install it before it trusts the hub.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Server as HttpsServer } from "node:https";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import { CA_CERTIFICATE_PATH } from "./ca-certificate-route.ts";

/** TLS record type "handshake": the first byte of every ClientHello. */
const TLS_HANDSHAKE = 0x16;
/** A connection that sends nothing is closed after this long (as Node's headersTimeout would). */
const FIRST_BYTE_TIMEOUT_MS = 60_000;

export interface SamePortOptions {
  /** The hub's CA in PEM, or null (a school's certificate: nothing to offer). */
  caCertificate: () => string | null;
}

/** The plain-http side: redirect to https, or hand out the CA certificate. */
function doorway(options: SamePortOptions) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url?.startsWith("/") ? req.url : "/";
    const ca = path === CA_CERTIFICATE_PATH ? options.caCertificate() : null;
    if (ca !== null) {
      res.writeHead(200, { "content-type": "application/x-x509-ca-cert", "content-disposition": 'attachment; filename="quire-hub-ca.crt"', "cache-control": "no-cache" });
      res.end(ca);
      return;
    }
    // The Host header is the address the student typed; anything odd gets no redirect target.
    const host = req.headers.host ?? "";
    if (!/^[A-Za-z0-9.\-:[\]]{1,300}$/.test(host)) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end("bad Host header");
      return;
    }
    res.writeHead(308, { location: `https://${host}${path}`, "content-type": "text/plain; charset=utf-8" });
    res.end(`This hub is at https://${host}${path}\n`);
  };
}

/** A listener that routes each connection to `https` or the redirecting doorway. */
export function samePortListener(https: HttpsServer, options: SamePortOptions): NetServer {
  const plain = createHttpServer({ requestTimeout: 10_000, headersTimeout: 10_000 }, doorway(options));
  const listener = createNetServer((socket: Socket) => {
    socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
    socket.once("data", (first: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(first);
      // The TLS socket reads what was unshifted on its next tick (Node's initRead) and then
      // its handle; the http server consumes the handle and is resumed to read the buffer.
      if (first[0] === TLS_HANDSHAKE) https.emit("connection", socket);
      else {
        plain.emit("connection", socket);
        socket.resume();
      }
    });
    socket.on("error", () => socket.destroy());
  });
  // Node's http server checks request and header timeouts from "listening" on: the doorway
  // never listens itself (RelayServer does the same for the https server).
  listener.once("listening", () => plain.emit("listening"));
  listener.once("close", () => plain.close());
  return listener;
}
