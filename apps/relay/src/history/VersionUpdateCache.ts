/**
 * @module VersionUpdateCache
 * Version updates by version id (issue 12, item 4): a version never changes, and building its
 * update is Yjs's createDocFromSnapshot over the whole history (B4: 0.3–0.5 s), so each is
 * built once and kept, least recently used first out, up to HISTORY_VERSION_CACHE_BYTES.
 */
export class VersionUpdateCache {
  private readonly entries = new Map<string, Uint8Array>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(doc: string, id: string): Uint8Array | undefined {
    const key = `${doc}\n${id}`;
    const update = this.entries.get(key);
    if (update) {
      this.entries.delete(key);
      this.entries.set(key, update);
    }
    return update;
  }

  set(doc: string, id: string, update: Uint8Array): void {
    // One larger than the whole cache is served but not kept.
    if (update.byteLength > this.maxBytes) return;
    const key = `${doc}\n${id}`;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.byteLength;
    this.entries.delete(key);
    this.entries.set(key, update);
    this.bytes += update.byteLength;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.byteLength;
    }
  }
}
