/**
 * @module static-app
 * Serves the built web app (STATIC_DIR, default apps/web/dist) with SPA fallback: any GET
 * that is not a file gets index.html. Invariants:
 * - Text assets go out precompressed when the browser accepts it: the build writes `.br` and
 *   `.gz` beside them (apps/web/build/precompress.ts) and content-encoding.ts picks one; the
 *   response keeps the original's Content-Type, has the sent bytes' Content-Length, and every
 *   file response says `Vary: Accept-Encoding` so no cache hands brotli to a client that did
 *   not ask for it. Without a compressed copy the file goes out as it is.
 * - `index.html`, `sw.js` and the manifest are `no-cache` (revalidated by ETag) so a new deploy
 *   reaches installed PWAs; files named by their content hash (`assets/*`, `workbox-<hash>.js`)
 *   are cached for a year, immutable: a new build gives them new names.
 * - Every response, the "not built" page and 404s included, carries the app's security
 *   headers (security-headers.ts).
 * Without a build, a plain page says so instead of failing.
 */
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, extname, join, normalize, relative, resolve, sep } from "node:path";
import type { Context, Hono } from "hono";
import { type ContentEncoding, chooseEncoding, ENCODING_SUFFIX } from "./content-encoding.ts";
import { APP_SECURITY_HEADERS } from "./security-headers.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
};

const NO_CACHE = new Set(["index.html", "sw.js", "manifest.webmanifest", "registerSW.js"]);
/** workbox-<8 hex>.js: vite-plugin-pwa names the worker's runtime by its content. */
const HASHED_ROOT_FILE = /^workbox-[0-9a-f]{8}\.js$/;
const IMMUTABLE = "public, max-age=31536000, immutable";
/** Other root files (icons): short, so a changed icon shows within minutes. */
const SHORT = "public, max-age=300";

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Quire relay</title>
<p>The Quire relay is running, but the web app is not built. Run <code>npm start</code> (or <code>pnpm build</code>) to build it.</p>`;

export function mountStatic(app: Hono, staticDir: string): void {
  const root = resolve(staticDir);
  app.get("*", async (c) => {
    const indexFile = join(root, "index.html");
    if (!existsSync(indexFile)) return c.html(NOT_BUILT, 200, APP_SECURITY_HEADERS);
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.text("bad path", 400, APP_SECURITY_HEADERS);
    }
    const file = normalize(join(root, path));
    if (file.startsWith(root + sep) && !path.includes("\0") && isFile(file)) return serveFile(c, root, file);
    // Missing assets are real 404s; only navigations fall back to the app shell.
    if (extname(path) !== "" && !path.endsWith(".html")) return c.text("not found", 404, APP_SECURITY_HEADERS);
    return serveFile(c, root, indexFile);
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function cachePolicy(root: string, file: string): string {
  const name = basename(file);
  if (NO_CACHE.has(name)) return "no-cache";
  const inAssets = relative(root, file).startsWith(`assets${sep}`);
  return inAssets || HASHED_ROOT_FILE.test(name) ? IMMUTABLE : SHORT;
}

async function serveFile(c: Context, root: string, file: string): Promise<Response> {
  const available = (Object.keys(ENCODING_SUFFIX) as ContentEncoding[]).filter((e) => isFile(file + ENCODING_SUFFIX[e]));
  const encoding = chooseEncoding(c.req.header("accept-encoding"), available);
  const sent = encoding === null ? file : file + ENCODING_SUFFIX[encoding];
  const stat = statSync(sent);
  // Size and mtime of the bytes sent, plus the coding: each representation has its own tag.
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${encoding === null ? "" : `-${encoding}`}"`;
  const headers: Record<string, string> = {
    ...APP_SECURITY_HEADERS,
    "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
    "Cache-Control": cachePolicy(root, file),
    Vary: "Accept-Encoding",
    ETag: etag,
  };
  if (encoding !== null) headers["Content-Encoding"] = encoding;
  if (matchesEtag(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers);
  const body = await readFile(sent);
  headers["Content-Length"] = String(body.length);
  return c.body(body, 200, headers);
}

/** If-None-Match: a list of tags or `*` (RFC 9110 §13.1.2; weak comparison). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
