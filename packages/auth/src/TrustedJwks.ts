/**
 * @module TrustedJwks
 * Public keys of other issuers this relay trusts (the relay's TRUSTED_JWKS): JWKS files or
 * `http(s)://` URLs — typically another relay's `/.well-known/jwks.json`, so a classroom hub
 * accepts the tokens its upstream relay signed without holding its private key.
 *
 * Keys are cached. A kid that is not in the cache triggers a re-read of every source, at most
 * once per `minRefetchMs`, so a rotation upstream is picked up on the first token signed
 * with the new key, while a stream of tokens with made-up kids cannot turn the relay into a
 * fetch amplifier. The cache is also refreshed in the background after `maxAgeMs`, so keys
 * the issuer dropped stop verifying. A source that fails keeps its last good keys.
 */
import { readFile } from "node:fs/promises";
import { type PublicJwk, parseJwks } from "./jwks.ts";

export const TRUSTED_JWKS_LIMITS = {
  /** A JWKS is refetched after this long, like a browser honouring max-age=300. */
  maxAgeMs: 5 * 60_000,
  /** Unknown kids refetch at most this often (amplification bound, see above). */
  minRefetchMs: 30_000,
  /** One fetch may take this long: a verification waits for it. */
  fetchTimeoutMs: 5_000,
  /** Largest JWKS document read: 64 keys are ~10 KiB. */
  maxBytes: 64 * 1024,
} as const;

export type TrustedJwksLimits = { [K in keyof typeof TRUSTED_JWKS_LIMITS]: number };

/** Reports a source that could not be read (the relay logs it). */
export type SourceErrorHandler = (source: string, message: string) => void;

export class TrustedJwks {
  private keys = new Map<string, PublicJwk>();
  private readonly bySource = new Map<string, PublicJwk[]>();
  private refreshedAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | null = null;
  private readonly limits: TrustedJwksLimits;

  /**
   * @param sources file paths or http(s) URLs of JWKS documents
   * @example new TrustedJwks(["https://relay.school.example/.well-known/jwks.json"])
   */
  constructor(
    readonly sources: readonly string[],
    limits: Partial<TrustedJwksLimits> = {},
    private readonly onError: SourceErrorHandler = () => {},
  ) {
    this.limits = { ...TRUSTED_JWKS_LIMITS, ...limits };
  }

  /** Parses TRUSTED_JWKS: comma-separated sources, blanks ignored. */
  static parseSources(value: string | undefined): string[] {
    return (value ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
  }

  /** Reads every source now (the relay calls it at start, without waiting). */
  refresh(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.readAll().finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  /** The trusted public key for `kid`, refetching the sources when it is unknown (rate-limited). */
  async resolve(kid: string): Promise<PublicJwk | null> {
    const age = Date.now() - this.refreshedAt;
    const known = this.keys.get(kid);
    if (known) {
      if (age > this.limits.maxAgeMs) void this.refresh();
      return known;
    }
    if (age >= this.limits.minRefetchMs || this.inFlight) await this.refresh();
    return this.keys.get(kid) ?? null;
  }

  private async readAll(): Promise<void> {
    await Promise.all(this.sources.map((source) => this.readSource(source)));
    const keys = new Map<string, PublicJwk>();
    for (const list of this.bySource.values()) for (const key of list) if (!keys.has(key.kid)) keys.set(key.kid, key);
    this.keys = keys;
    this.refreshedAt = Date.now();
  }

  private async readSource(source: string): Promise<void> {
    try {
      const text = /^https?:\/\//i.test(source) ? await this.fetchText(source) : await readFile(source, "utf8");
      if (text.length > this.limits.maxBytes) throw new Error(`larger than ${this.limits.maxBytes} bytes`);
      const parsed = parseJwks(JSON.parse(text));
      if (!parsed.ok) throw new Error(parsed.message);
      this.bySource.set(source, parsed.keys);
    } catch (error) {
      this.onError(source, error instanceof Error ? error.message : String(error));
    }
  }

  private async fetchText(url: string): Promise<string> {
    const response = await fetch(url, { signal: AbortSignal.timeout(this.limits.fetchTimeoutMs), redirect: "error" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > this.limits.maxBytes) throw new Error(`larger than ${this.limits.maxBytes} bytes`);
    return readCapped(response, this.limits.maxBytes);
  }
}

/** The body as text, refusing more than `maxBytes` even without a Content-Length. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
