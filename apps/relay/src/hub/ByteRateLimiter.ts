/**
 * @module ByteRateLimiter
 * The hub's cap on its uplink (UPSTREAM_MAX_BYTES_PER_SECOND, issue 14): every request body
 * sent and every response body received is charged; a transfer waits until the bytes before
 * it have had their time at the capped rate. Coarse (whole bodies, not packets) but exact on
 * average, which is what a metered link's bill sees. 0 means no cap.
 */
export class ByteRateLimiter {
  /** When the link is free again at the capped rate (ms since epoch). */
  private freeAt = 0;

  constructor(
    private readonly bytesPerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Waits until `bytes` more fit under the cap, then books them. */
  async take(bytes: number): Promise<void> {
    if (this.bytesPerSecond <= 0 || bytes <= 0) return;
    const now = this.now();
    const start = Math.max(now, this.freeAt);
    this.freeAt = start + (bytes / this.bytesPerSecond) * 1000;
    if (start > now) await this.sleep(start - now);
  }
}
