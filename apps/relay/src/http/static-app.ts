/**
 * @module static-app
 * Serves the built web app (STATIC_DIR, default apps/web/dist) with SPA fallback: any GET
 * that is not a file gets index.html. `index.html` and `sw.js` are `no-cache` so a new
 * deploy reaches installed PWAs; hashed assets are immutable. Without a build, a plain page
 * says so instead of failing.
 */
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import type { Context, Hono } from "hono";

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

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Quire relay</title>
<p>The Quire relay is running, but the web app is not built. Run <code>npm start</code> (or <code>pnpm build</code>) to build it.</p>`;

export function mountStatic(app: Hono, staticDir: string): void {
  const root = resolve(staticDir);
  app.get("*", async (c) => {
    const indexFile = join(root, "index.html");
    if (!existsSync(indexFile)) return c.html(NOT_BUILT, 200);
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.text("bad path", 400);
    }
    const file = normalize(join(root, path));
    if (file.startsWith(root + sep) && !path.includes("\0") && isFile(file)) return serveFile(c, file);
    // Missing assets are real 404s; only navigations fall back to the app shell.
    if (extname(path) !== "" && !path.endsWith(".html")) return c.text("not found", 404);
    return serveFile(c, indexFile);
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

async function serveFile(c: Context, file: string): Promise<Response> {
  const body = await readFile(file);
  const name = file.slice(file.lastIndexOf(sep) + 1);
  const cache = NO_CACHE.has(name) ? "no-cache" : file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "public, max-age=300";
  return c.body(body, 200, {
    "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
    "Cache-Control": cache,
  });
}
