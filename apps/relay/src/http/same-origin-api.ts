/**
 * @module same-origin-api
 * Keeps other sites' pages from using the API through a visitor's browser (security finding
 * S7: a cross-site `text/plain` POST created a workspace). Two checks, either enough alone:
 *
 * - A request with a body must be `application/json`. Browsers send a cross-site request
 *   without asking first only for `text/plain`, form and multipart bodies; JSON needs a CORS
 *   preflight, which the relay never grants.
 * - A request whose `Origin` host is not the `Host` it was sent to is refused (a reverse
 *   proxy in front of the relay must pass `Host` through).
 *   Browsers send `Origin` on every cross-origin request and on same-origin POSTs; CLIs and
 *   stock clients send none and are not affected. The web app is always served by the relay
 *   itself (apps/web/vite.config.ts), so its requests are same-origin.
 */
import type { MiddlewareHandler } from "hono";
import { apiError } from "./api-error.ts";

export function sameOriginApi(): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header("origin");
    // "null" is what sandboxed frames and file: pages send: never the relay's own page.
    if (origin !== undefined && (origin === "null" || !sameHost(origin, c.req.header("host")))) {
      return apiError(c, 403, "cross_origin", "requests from other sites' pages are not accepted");
    }
    if (hasBody(c.req.raw) && !isJson(c.req.header("content-type"))) {
      return apiError(c, 415, "unsupported_media_type", "request body must be sent as application/json");
    }
    await next();
  };
}

function sameHost(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

function hasBody(request: Request): boolean {
  const length = request.headers.get("content-length");
  return (length !== null && length !== "0") || request.headers.has("transfer-encoding");
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType.trim());
}
