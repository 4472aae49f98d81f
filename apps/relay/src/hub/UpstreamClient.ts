/**
 * @module UpstreamClient
 * The hub's side of the `/hub/v1/` calls (upstream-api.ts): every request carries the hub
 * credential, has a deadline (UPSTREAM_REQUEST_TIMEOUT_MS), refuses redirects (the
 * credential must go only to UPSTREAM_URL), reads at most a bounded body, and is charged to
 * the uplink's rate cap. Any failure throws an UpstreamError; the Replicator retries with
 * backoff.
 */
import { SYNC_FILE_LIMITS, fromBase64Url } from "@quire/syncfile";
import type { ByteRateLimiter } from "./ByteRateLimiter.ts";
import { type ClassRoster, parseClassRoster } from "./class-roster.ts";
import { MORE_HEADER, SYNC_FILE_MEDIA_TYPE } from "./upstream-api.ts";

export class UpstreamError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the upstream was not reached. */
    readonly status: number,
  ) {
    super(message);
  }

  /**
   * The link failed, not the request: unreached or cut (0), too many requests (429), or a
   * proxy or restart in between (502–504). The pass ends and retries with backoff. A 408 (the
   * upstream's HTTP_REQUEST_TIMEOUT_MS ran out while a slow link carried the body) is not: the
   * link works, that one document was too slow for it this time (found by
   * hub-faulty-uplink.test.ts: a push cut by a 408 was recorded as a refused document).
   */
  get linkDown(): boolean {
    return this.status === 0 || this.status === 429 || (this.status >= 502 && this.status <= 504);
  }

  /** The request ran out of time (the upstream's deadline, 408, or this hub's, a timeout). */
  get tooSlow(): boolean {
    return this.status === 408 || this.timedOut;
  }

  /** Set when this hub's own deadline (UPSTREAM_REQUEST_TIMEOUT_MS) aborted the request. */
  timedOut = false;
}

/** Largest answer read: a sync file of one document within the sync-file limits. */
const MAX_RESPONSE_BYTES = SYNC_FILE_LIMITS.maxDocumentBytes + SYNC_FILE_LIMITS.maxManifestBytes + SYNC_FILE_LIMITS.maxSignatureBytes + 1024;

export class UpstreamClient {
  /** Bytes sent and received since start (request and response bodies). */
  sent = 0;
  received = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly credential: string,
    private readonly limiter: ByteRateLimiter,
    private readonly timeoutMs: number,
  ) {}

  /** The upstream's public keys (unauthenticated, as any relay's). */
  async jwks(): Promise<string> {
    return new TextDecoder().decode(await this.call("GET", "/.well-known/jwks.json", null, false));
  }

  async digests(classId: string): Promise<Map<string, { digest: string; sv: Uint8Array }>> {
    const body = JSON.parse(new TextDecoder().decode(await this.call("GET", `/hub/v1/classes/${classId}/digests`))) as unknown;
    const documents = (body as { documents?: unknown }).documents;
    if (typeof documents !== "object" || documents === null) throw new UpstreamError("digests: unexpected answer", 200);
    const out = new Map<string, { digest: string; sv: Uint8Array }>();
    for (const [name, entry] of Object.entries(documents)) {
      const { digest, sv } = (entry ?? {}) as { digest?: unknown; sv?: unknown };
      const bytes = typeof sv === "string" ? fromBase64Url(sv) : null;
      if (name.startsWith(`${classId}/`) && typeof digest === "string" && /^[0-9a-f]{64}$/.test(digest) && bytes) out.set(name, { digest, sv: bytes });
    }
    return out;
  }

  /**
   * A sync file of what this hub lacks of `doc` given its state vector — with `maxBytes` > 0
   * only its first causal piece, `more` when others follow; null when the upstream has no such doc.
   */
  async pull(classId: string, doc: string, stateVector: Uint8Array, maxBytes = 0): Promise<{ file: Uint8Array; more: boolean } | null> {
    const pieces = maxBytes > 0 ? `&maxBytes=${Math.max(1024, Math.floor(maxBytes))}` : "";
    const { bytes, headers } = await this.request("POST", `/hub/v1/classes/${classId}/pull?doc=${encodeURIComponent(doc)}${pieces}`, stateVector);
    return bytes.length === 0 ? null : { file: bytes, more: headers.get(MORE_HEADER) === "1" };
  }

  /** Sends a sync file of what the upstream lacks; resolves with its report. */
  async push(classId: string, file: Uint8Array): Promise<unknown> {
    return JSON.parse(new TextDecoder().decode(await this.call("POST", `/hub/v1/classes/${classId}/push`, file, true, SYNC_FILE_MEDIA_TYPE)));
  }

  /** The class's roster (members, groups, placements, locks), validated; throws when it does not parse. */
  async roster(classId: string): Promise<ClassRoster> {
    const body = JSON.parse(new TextDecoder().decode(await this.call("GET", `/hub/v1/classes/${classId}/roster`))) as unknown;
    const parsed = parseClassRoster(classId, body);
    if (!parsed.ok) throw new UpstreamError(`roster: unexpected answer (${parsed.message})`, 200);
    return parsed.roster;
  }

  async revocations(after: number): Promise<{ rowid: number; jti: string }[]> {
    const body = JSON.parse(new TextDecoder().decode(await this.call("GET", `/hub/v1/revocations?after=${after}`))) as { revoked?: unknown };
    if (!Array.isArray(body.revoked)) throw new UpstreamError("revocations: unexpected answer", 200);
    return body.revoked.filter(
      (r): r is { rowid: number; jti: string } => typeof r === "object" && r !== null && Number.isSafeInteger(r.rowid) && typeof r.jti === "string" && r.jti.length <= 256,
    );
  }

  private async call(method: string, path: string, body: Uint8Array | null = null, authenticated = true, contentType = "application/octet-stream"): Promise<Uint8Array> {
    return (await this.request(method, path, body, authenticated, contentType)).bytes;
  }

  private async request(
    method: string,
    path: string,
    body: Uint8Array | null = null,
    authenticated = true,
    contentType = "application/octet-stream",
  ): Promise<{ bytes: Uint8Array; headers: Headers }> {
    if (body) await this.limiter.take(body.length);
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        redirect: "error",
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { ...(authenticated ? { authorization: `Bearer ${this.credential}` } : {}), ...(body ? { "content-type": contentType } : {}) },
        ...(body ? { body } : {}),
      });
    } catch (error) {
      const failure = new UpstreamError(`upstream unreachable: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`, 0);
      failure.timedOut = error instanceof Error && error.name === "TimeoutError";
      throw failure;
    }
    if (body) this.sent += body.length;
    const bytes = await readCapped(response);
    this.received += bytes.length;
    await this.limiter.take(bytes.length);
    if (!response.ok) throw new UpstreamError(`${method} ${path.split("?")[0]}: HTTP ${response.status} ${new TextDecoder().decode(bytes.subarray(0, 500))}`, response.status);
    return { bytes, headers: response.headers };
  }
}

async function readCapped(response: Response): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_RESPONSE_BYTES) {
        await reader.cancel();
        throw new UpstreamError(`answer larger than ${MAX_RESPONSE_BYTES} bytes`, response.status);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    const failure = new UpstreamError(`connection lost while reading the answer: ${error instanceof Error ? error.message : String(error)}`, 0);
    failure.timedOut = error instanceof Error && error.name === "TimeoutError";
    throw failure;
  }
  return new Uint8Array(Buffer.concat(chunks));
}
