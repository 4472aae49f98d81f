/**
 * @module catalog-cache
 * Keeps the language catalogs this device has used in the Cache API (`quire-languages`), so a
 * language picked online still opens with no network.
 *
 * Why not the service worker's precache: precaching all five other catalogs costs every first
 * visit ~23 KB on the wire (brotli), most of it for languages the student never reads — the
 * first visit measured 271 KB against the 250 KB budget (e2e first-load-bytes). A catalog is
 * instead kept when it is first fetched, the same way the worker would (cache first: the file
 * names carry a content hash, so a cached file is never stale).
 *
 * Invariants: a cache failure (no Cache API outside a secure context, storage refused) never
 * fails a load — the network answer is used as is; entries of older builds are deleted once the
 * current build's catalog is stored, so the cache holds at most one file per language.
 */

export const CATALOG_CACHE = "quire-languages";

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === "undefined" ? null : await caches.open(CATALOG_CACHE);
  } catch {
    return null;
  }
}

/**
 * The catalog at `url`: from the cache if this device kept it, else from the network (then
 * kept). `currentUrls` are the catalog files of this build; other entries are removed.
 */
export async function fetchCatalog(url: string, currentUrls: readonly string[], fetchImpl: typeof fetch = fetch): Promise<unknown> {
  const cache = await openCache();
  const cached = await cache?.match(url).catch(() => undefined);
  if (cached) {
    try {
      return await cached.json();
    } catch {
      // A damaged entry would fail every load from now on: drop it and ask the network.
      await cache?.delete(url).catch(() => false);
    }
  }
  const response = await fetchImpl(url);
  if (!response.ok) throw new Error(`catalog ${url}: HTTP ${response.status}`);
  if (cache) {
    await cache.put(url, response.clone()).catch(() => undefined);
    void prune(cache, currentUrls);
  }
  return response.json();
}

async function prune(cache: Cache, currentUrls: readonly string[]): Promise<void> {
  try {
    const keep = new Set(currentUrls.map((u) => new URL(u, location.href).href));
    for (const request of await cache.keys()) if (!keep.has(request.url)) await cache.delete(request);
  } catch {
    // Pruning is housekeeping: an old file left behind costs a few KB, nothing else.
  }
}
