/**
 * @module ca-certificate-route
 * `GET /quire-hub-ca.crt`: the hub's CA certificate (public; TLS=auto only), for device
 * management to push or a student to install by hand (issue 14, item 4). Served as
 * `application/x-x509-ca-cert`, which phones and desktops offer to install. A relay with a
 * school's own certificate (TLS=files) answers 404: the school distributes its CA itself.
 */
import type { Hono } from "hono";
import type { LanTls } from "./LanTls.ts";

export const CA_CERTIFICATE_PATH = "/quire-hub-ca.crt";

export function mountCaCertificate(app: Hono, tls: LanTls): void {
  app.get(CA_CERTIFICATE_PATH, (c) => {
    const pem = tls.caCertificate();
    if (pem === null) return c.text("this relay uses a certificate its school provides: ask the school for its CA", 404);
    return c.body(pem, 200, {
      "content-type": "application/x-x509-ca-cert",
      "content-disposition": 'attachment; filename="quire-hub-ca.crt"',
      "cache-control": "no-cache",
    });
  });
}
