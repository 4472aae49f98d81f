/**
 * @module precompress
 * A Vite plugin that writes `<file>.br` and `<file>.gz` beside every text asset of the build,
 * after vite-plugin-pwa wrote the service worker, so the relay can send them without
 * compressing per request (apps/relay/src/http/static-app.ts). Issue 10 item 6: the app
 * went out uncompressed, 807 KB, ≈ 14 s on a 500 kbit/s school link; brotli makes the bundle
 * about a quarter of that.
 * Invariants: compression is done once, at build time, at the strongest settings (brotli 11,
 * gzip 9 — minutes of CPU per request would not be, seconds per build are); a compressed copy
 * is kept only when it is smaller than the file; images that are compressed already (png,
 * woff2) are left alone. Uses node:zlib only.
 */
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

/** Extensions worth compressing: text. */
const TEXT = new Set([".html", ".js", ".mjs", ".css", ".svg", ".json", ".webmanifest", ".txt", ".map"]);

export interface PrecompressSummary {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

/** Compresses every text file under `dir` (recursively); returns the totals. */
export function precompressDir(dir: string): PrecompressSummary {
  const summary: PrecompressSummary = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const file = join(dir, entry);
    if (!TEXT.has(extname(file)) || !statSync(file).isFile()) continue;
    const body = readFileSync(file);
    const br = brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    const gz = gzipSync(body, { level: 9 });
    summary.files++;
    summary.bytes += body.length;
    summary.brotliBytes += keepIfSmaller(`${file}.br`, br, body.length);
    summary.gzipBytes += keepIfSmaller(`${file}.gz`, gz, body.length);
  }
  return summary;
}

/** Writes `compressed` if it saves bytes (else removes a stale copy); returns the bytes sent. */
function keepIfSmaller(path: string, compressed: Buffer, original: number): number {
  if (compressed.length < original) {
    writeFileSync(path, compressed);
    return compressed.length;
  }
  try {
    unlinkSync(path);
  } catch {
    // No stale copy: nothing to remove.
  }
  return original;
}

/**
 * Runs after the bundle and the service worker are written: put it after VitePWA in
 * `plugins` (both close the bundle sequentially, in order).
 */
export function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "quire:precompress",
    apply: "build",
    enforce: "post",
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle: {
      sequential: true,
      order: "post",
      handler() {
        const s = precompressDir(outDir);
        const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
        this.environment.logger.info(`precompressed ${s.files} files: ${kb(s.bytes)} → brotli ${kb(s.brotliBytes)}, gzip ${kb(s.gzipBytes)}`);
      },
    },
  };
}
