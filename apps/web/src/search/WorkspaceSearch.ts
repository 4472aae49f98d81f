/**
 * @module WorkspaceSearch
 * The page's side of search across a workspace: starts the search worker, tells it which
 * documents the workspace has (and this person's device copies of them), and asks it
 * questions. The worker starts the first time the student uses search on this device (its
 * script is not part of the first visit's download) and, from then on, with every visit, so
 * the index is ready and current before she types. The worker re-indexes what changed: when the document list changes, every
 * REFRESH_MS while the page is visible (background sync and the open editor write the
 * copies), and when the search field is focused.
 */
import { type Membership, type WorkspaceSession, deviceCopyName } from "@quire/client";
import type { SearchHit } from "@quire/search";
import type { IndexStatus, SearchRequest, SearchResponse } from "./search-protocol.ts";

/** How often the index catches up with copies that changed: cheap, two reads per document. */
export const REFRESH_MS = 15_000;
/** Quiet time after a document-list change before re-indexing (a burst of renames is one run). */
const LIST_SETTLE_MS = 800;
/** localStorage: search was used on this device, so start the worker with every visit. */
const USED_KEY = "quire.search.used";

/** Whether search was used on this device before (start indexing right away). */
export function searchUsedBefore(): boolean {
  try {
    return localStorage.getItem(USED_KEY) === "1";
  } catch {
    return false;
  }
}

export interface SearchResults {
  query: string;
  hits: SearchHit[];
  status: IndexStatus;
}

export class WorkspaceSearch {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly waiting = new Map<number, (results: SearchResults) => void>();
  private readonly listeners = new Set<() => void>();
  private statusNow: IndexStatus = { indexed: 0, total: 0, busy: false };
  private readonly cleanups: (() => void)[] = [];
  private settle: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  constructor(
    private readonly session: WorkspaceSession,
    private readonly membership: Membership,
  ) {}

  /** Starts the worker and keeps it indexing until `destroy`. */
  start(): void {
    if (this.worker || this.destroyed) return;
    try {
      localStorage.setItem(USED_KEY, "1");
    } catch {
      // Private mode: the worker starts on first use each visit instead.
    }
    this.worker = new Worker(new URL("./search.worker.ts", import.meta.url), { type: "module", name: "quire-search" });
    this.worker.onmessage = (event: MessageEvent<SearchResponse>) => this.receive(event.data);
    // Its script could not load: offline before search was ever used on this device.
    this.worker.onerror = () => {
      this.worker?.terminate();
      this.worker = null;
      for (const cleanup of this.cleanups.splice(0)) cleanup();
      this.statusNow = { ...this.statusNow, busy: false, unavailable: true };
      for (const resolve of this.waiting.values()) resolve({ query: "", hits: [], status: this.statusNow });
      this.waiting.clear();
      for (const listener of [...this.listeners]) listener();
    };
    this.cleanups.push(
      this.session.index.subscribe(() => {
        if (this.settle) clearTimeout(this.settle);
        this.settle = setTimeout(() => this.refresh(), LIST_SETTLE_MS);
      }),
    );
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") this.refresh();
    }, REFRESH_MS);
    this.cleanups.push(() => clearInterval(timer));
    this.refresh();
  }

  /** Asks the worker to catch up with the documents and their copies now. */
  refresh(): void {
    const workspace = this.membership.workspace.id;
    const docs = this.session.index.list().map((entry) => ({
      id: entry.id,
      title: entry.title,
      copy: deviceCopyName(this.membership, `${workspace}/${entry.id}`),
    }));
    this.send({ type: "index", key: deviceCopyName(this.membership, workspace), docs });
  }

  search(query: string): Promise<SearchResults> {
    this.start();
    if (this.destroyed) return Promise.resolve({ query, hits: [], status: this.statusNow });
    const seq = ++this.seq;
    return new Promise((resolve) => {
      this.waiting.set(seq, resolve);
      this.send({ type: "search", seq, query });
    });
  }

  status(): IndexStatus {
    return this.statusNow;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.destroyed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    if (this.settle) clearTimeout(this.settle);
    this.worker?.terminate();
    this.worker = null;
    this.waiting.clear();
    this.listeners.clear();
  }

  private send(request: SearchRequest): void {
    this.worker?.postMessage(request);
  }

  private receive(message: SearchResponse): void {
    const { indexed, total, busy } = message;
    this.statusNow = { indexed, total, busy };
    for (const listener of [...this.listeners]) listener();
    if (message.type !== "results") return;
    const resolve = this.waiting.get(message.seq);
    this.waiting.delete(message.seq);
    resolve?.({ query: message.query, hits: message.hits, status: this.statusNow });
  }
}
