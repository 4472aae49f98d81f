/**
 * Security headers on the served app (issue 9 finding 7): a Content-Security-Policy strict
 * enough to matter (scripts only from this origin, no plugins, no <base> rewriting, no
 * framing), `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`, on every
 * response of the app — the shell, app routes, assets, the worker, 404s and the "not built"
 * page. That the app runs under this policy is proven in real Chromium by
 * apps/web/e2e/content-security-policy.test.ts.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useFakeWebApps, useRelays } from "@quire/testkit";

// Before the relays: after-hooks run in reverse, so the relays stop before their dirs go.
const webApps = useFakeWebApps();
const relays = useRelays();
const webDist = () => webApps({ "assets/app-abc12345.js": "console.log('app');" });

/** The CSP's directives as a map: name → sources. */
function directives(csp: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

function expectSecurityHeaders(response: Response, what: string): void {
  const csp = directives(response.headers.get("content-security-policy"));
  expect(csp.get("default-src"), what).toEqual(["'self'"]);
  expect(csp.get("script-src"), what).toEqual(["'self'"]);
  expect(csp.get("object-src"), what).toEqual(["'none'"]);
  expect(csp.get("base-uri"), what).toEqual(["'none'"]);
  expect(csp.get("frame-ancestors"), what).toEqual(["'none'"]);
  // Pictures live in the doc as data: URLs (ImageNode); nothing else may be an image source.
  expect(csp.get("img-src"), what).toEqual(["'self'", "data:"]);
  // The websocket is same-origin: CSP3 'self' covers ws:/wss: of this host in Chromium.
  expect(csp.get("connect-src"), what).toEqual(["'self'"]);
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), what).toBe("no-referrer");
  expect(response.headers.get("x-frame-options"), what).toBe("DENY");
}

describe("security headers of the served app", () => {
  it("every response of the app carries the CSP, nosniff and no-referrer", async () => {
    const relay = await relays.start({ env: { STATIC_DIR: webDist() } });
    for (const path of ["/", "/index.html", "/w/w0123456789/d0123456789", "/sw.js", "/assets/app-abc12345.js", "/assets/missing.js"]) {
      const response = await fetch(`${relay.httpUrl}${path}`);
      expectSecurityHeaders(response, path);
    }
  });

  it("the page saying the app is not built carries them too", async () => {
    const relay = await relays.start({ env: { STATIC_DIR: join(tmpdir(), "quire-no-such-dist-csp") } });
    expectSecurityHeaders(await fetch(`${relay.httpUrl}/`), "not built");
  });
});
