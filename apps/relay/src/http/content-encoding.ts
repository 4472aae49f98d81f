/**
 * @module content-encoding
 * Picks which precompressed copy of a file to send from a request's `Accept-Encoding`
 * (RFC 9110 §12.5.3). Invariants: an encoding the client did not list, or listed with q=0,
 * is never chosen; with no header, or nothing acceptable on offer, the answer is `null` (send
 * the file as it is — identity is always acceptable to browsers, and a 406 would leave the app
 * unloadable for a proxy that strips the header). Among acceptable encodings the higher q
 * wins, ties going to brotli (smaller than gzip on the app's bundle: 205 vs 244 KB).
 */

/** Encodings the build writes beside a file, best first: `.br` then `.gz`. */
export type ContentEncoding = "br" | "gzip";

export const ENCODING_SUFFIX: Record<ContentEncoding, string> = { br: ".br", gzip: ".gz" };

const PREFERENCE: readonly ContentEncoding[] = ["br", "gzip"];

/**
 * The encoding to send, among `available`, for an `Accept-Encoding` header value.
 *
 * @example
 * chooseEncoding("gzip, deflate, br", ["br", "gzip"]); // "br"
 * chooseEncoding("br;q=0, gzip", ["br", "gzip"]);      // "gzip"
 * chooseEncoding(undefined, ["br", "gzip"]);           // null
 */
export function chooseEncoding(header: string | undefined, available: readonly ContentEncoding[]): ContentEncoding | null {
  if (!header) return null;
  const weights = parseAcceptEncoding(header);
  let best: ContentEncoding | null = null;
  let bestQ = 0;
  for (const encoding of PREFERENCE) {
    if (!available.includes(encoding)) continue;
    const q = weights.get(encoding) ?? weights.get("*") ?? 0;
    if (q > bestQ) {
      best = encoding;
      bestQ = q;
    }
  }
  return best;
}

/** coding → q (0…1); a malformed q counts as 0, so a garbled header never selects a coding. */
function parseAcceptEncoding(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const item of header.split(",")) {
    const [name, ...params] = item.split(";").map((part) => part.trim().toLowerCase());
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      if (!param.startsWith("q=")) continue;
      const value = param.slice(2);
      q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : 0;
    }
    // "x-gzip" is gzip's old name (RFC 9110 §8.4.1.3).
    weights.set(name === "x-gzip" ? "gzip" : name, q);
  }
  return weights;
}
