/**
 * The built app is served precompressed (issue 10 item 6): the build writes `.br` and `.gz`
 * beside each text asset and the relay picks one by the request's Accept-Encoding, with
 * `Vary: Accept-Encoding`, the original's Content-Type and the sent bytes' Content-Length;
 * anything else gets the file as it is. Checked over real HTTP with exact bytes, since a fetch()
 * client would decode the body and hide what travelled.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useRelay } from "@quire/testkit";

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One GET with exactly the headers given (no client-side decoding). */
function get(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const APP_JS = `export const words = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => `word${i % 50}`).join(" "))};\n`;
const APP_BR = brotliCompressSync(APP_JS);
const APP_GZ = gzipSync(APP_JS);
const INDEX = `<!doctype html><title>Quire</title><div id=root></div>${"<!-- padding -->".repeat(100)}`;

const dir = mkdtempSync(join(tmpdir(), "quire-web-br-"));
beforeAll(() => {
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), INDEX);
  writeFileSync(join(dir, "index.html.br"), brotliCompressSync(INDEX));
  writeFileSync(join(dir, "index.html.gz"), gzipSync(INDEX));
  writeFileSync(join(dir, "sw.js"), "self.addEventListener('install', () => {});");
  writeFileSync(join(dir, "workbox-9c191d2f.js"), "self.workbox = {};");
  writeFileSync(join(dir, "manifest.webmanifest"), '{"name":"Quire"}');
  writeFileSync(join(dir, "icon-192.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(dir, "assets", "index-abc12345.js"), APP_JS);
  writeFileSync(join(dir, "assets", "index-abc12345.js.br"), APP_BR);
  writeFileSync(join(dir, "assets", "index-abc12345.js.gz"), APP_GZ);
  writeFileSync(join(dir, "assets", "plain-def67890.css"), "body{margin:0}");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const relay = useRelay({ env: { STATIC_DIR: dir } });

describe("precompressed static assets", () => {
  it("sends brotli to a browser that accepts it, with the original's type and the sent length", async () => {
    const res = await get(`${relay.httpUrl}/assets/index-abc12345.js`, { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(res.headers["content-length"])).toBe(APP_BR.length);
    expect(res.body.equals(APP_BR)).toBe(true);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("sends gzip when brotli is not accepted (or refused with q=0)", async () => {
    for (const accept of ["gzip", "br;q=0, gzip;q=0.8", "GZIP, deflate"]) {
      const res = await get(`${relay.httpUrl}/assets/index-abc12345.js`, { "accept-encoding": accept });
      expect(res.headers["content-encoding"], accept).toBe("gzip");
      expect(res.body.equals(APP_GZ), accept).toBe(true);
      expect(Number(res.headers["content-length"])).toBe(APP_GZ.length);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
    }
  });

  it("falls back to the file as it is without a usable Accept-Encoding", async () => {
    const cases: Record<string, string>[] = [{}, { "accept-encoding": "identity" }, { "accept-encoding": "br;q=0, gzip;q=0" }, { "accept-encoding": "zstd" }];
    for (const headers of cases) {
      const res = await get(`${relay.httpUrl}/assets/index-abc12345.js`, headers);
      expect(res.status).toBe(200);
      expect(res.headers["content-encoding"]).toBeUndefined();
      expect(res.body.toString("utf8")).toBe(APP_JS);
      expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(APP_JS));
      expect(res.headers.vary).toMatch(/accept-encoding/i);
    }
  });

  it("serves the app shell for app routes compressed and no-cache; files without a compressed copy as they are", async () => {
    const shell = await get(`${relay.httpUrl}/w/w0123456789/d0123456789`, { "accept-encoding": "br" });
    expect(shell.headers["content-encoding"]).toBe("br");
    expect(shell.headers["content-type"]).toMatch(/^text\/html/);
    expect(shell.headers["cache-control"]).toBe("no-cache");
    expect(shell.body.equals(brotliCompressSync(INDEX))).toBe(true);

    const css = await get(`${relay.httpUrl}/assets/plain-def67890.css`, { "accept-encoding": "br, gzip" });
    expect(css.headers["content-encoding"]).toBeUndefined();
    expect(css.body.toString()).toBe("body{margin:0}");
  });

  it("marks hashed files immutable and the shell, worker and manifest no-cache", async () => {
    const cache = async (path: string) => (await get(`${relay.httpUrl}${path}`)).headers["cache-control"];
    expect(await cache("/")).toBe("no-cache");
    expect(await cache("/index.html")).toBe("no-cache");
    expect(await cache("/sw.js")).toBe("no-cache");
    expect(await cache("/manifest.webmanifest")).toBe("no-cache");
    // workbox-<hash>.js is named by its content like assets/*: a new build gets a new name.
    expect(await cache("/workbox-9c191d2f.js")).toBe("public, max-age=31536000, immutable");
    expect(await cache("/assets/plain-def67890.css")).toBe("public, max-age=31536000, immutable");
    expect(await cache("/icon-192.png")).not.toMatch(/immutable/);
  });

  it("revalidates the no-cache shell with an ETag per encoding (304, no body)", async () => {
    const first = await get(`${relay.httpUrl}/sw.js`);
    const etag = first.headers.etag;
    expect(typeof etag).toBe("string");
    const again = await get(`${relay.httpUrl}/sw.js`, { "if-none-match": String(etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const br = await get(`${relay.httpUrl}/index.html`, { "accept-encoding": "br" });
    const plain = await get(`${relay.httpUrl}/index.html`);
    expect(br.headers.etag).not.toBe(plain.headers.etag);
    expect((await get(`${relay.httpUrl}/index.html`, { "accept-encoding": "br", "if-none-match": String(br.headers.etag) })).status).toBe(304);
    // A stale tag gets the full body.
    expect((await get(`${relay.httpUrl}/index.html`, { "if-none-match": '"stale"' })).status).toBe(200);
  });

  it("answers HEAD with the headers of the GET and no body", async () => {
    const res = await get(`${relay.httpUrl}/assets/index-abc12345.js`, { "accept-encoding": "br" }, "HEAD");
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(Number(res.headers["content-length"])).toBe(APP_BR.length);
    expect(res.body.length).toBe(0);
  });
});
