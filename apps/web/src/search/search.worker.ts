/// <reference lib="webworker" />
/**
 * @module search.worker
 * The workspace's search index, off the page's main thread so typing never stutters while
 * documents are re-indexed. It reads the device copies itself (IndexedDB works in workers),
 * re-indexes only documents whose copy changed since it last looked (a row count and last
 * key, two cheap reads per document), and saves the index for the next visit.
 *
 * Invariants:
 * - One index run at a time; requests that arrive meanwhile are folded into one more run.
 * - A document that cannot be read keeps its previous entry (or none): search degrades, the
 *   worker never stops answering.
 */
import { deviceCopyFingerprint, readDeviceCopyDoc } from "@quire/client";
import { documentBlocks, WorkspaceSearchIndex } from "@quire/search";
import { type DocToIndex, type IndexStatus, parseRequest, type SearchResponse } from "./search-protocol.ts";
import { loadSavedIndex, saveIndex } from "./saved-indexes.ts";

declare const self: DedicatedWorkerGlobalScope;

let key: string | null = null;
let index: WorkspaceSearchIndex = WorkspaceSearchIndex.empty();
let wanted: DocToIndex[] = [];
let running = false;
let again = false;

function status(): IndexStatus {
  return { indexed: index.size, total: wanted.length, busy: running };
}

function post(message: SearchResponse): void {
  self.postMessage(message);
}

self.onmessage = (event: MessageEvent) => {
  const request = parseRequest(event.data);
  if (!request) return;
  if (request.type === "search") {
    post({ type: "results", seq: request.seq, query: request.query, hits: index.search(request.query), ...status() });
    return;
  }
  wanted = request.docs;
  if (request.key !== key) {
    key = request.key;
    index = WorkspaceSearchIndex.empty();
    void loadSavedIndex(request.key).then((saved) => {
      if (key !== request.key) return;
      index = WorkspaceSearchIndex.load(saved) ?? index;
      void run();
    });
    return;
  }
  void run();
};

async function run(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  post({ type: "status", ...status() });
  const forKey = key;
  let changed = false;
  try {
    const ids = new Set(wanted.map((d) => d.id));
    for (const id of index.ids()) {
      if (!ids.has(id)) {
        index.remove(id);
        changed = true;
      }
    }
    for (const doc of wanted) {
      if (key !== forKey) return;
      changed = (await refresh(doc)) || changed;
    }
    if (changed && forKey !== null && key === forKey) await saveIndex(forKey, index.save());
  } finally {
    running = false;
    post({ type: "status", ...status() });
    if (again) {
      again = false;
      void run();
    }
  }
}

/** Re-indexes `doc` if its copy or title changed; whether the index changed. */
async function refresh(doc: DocToIndex): Promise<boolean> {
  try {
    const fingerprint = await deviceCopyFingerprint(doc.copy, indexedDB);
    if (fingerprint === null) return false; // Not on this device yet: background sync brings it.
    const stamp = `${fingerprint}|${doc.title}`;
    if (index.fingerprint(doc.id) === stamp) return false;
    const copy = await readDeviceCopyDoc(doc.copy, indexedDB);
    if (!copy) return false;
    index.upsert({ id: doc.id, title: doc.title, blocks: documentBlocks(copy.doc), fingerprint: `${copy.fingerprint}|${doc.title}` });
    copy.doc.destroy();
    return true;
  } catch (error) {
    console.warn("[quire] search could not index a document", doc.id, error);
    return false;
  }
}
