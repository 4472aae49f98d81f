/**
 * @module history-http
 * The relay's history API (docs/protocol.md) as the web app calls it, for the history
 * benchmark: bearer token, doc name URL-encoded, each call timed from request to the last
 * byte of the body.
 */
import type { ProvenanceRecord } from "@quire/core";
import { type Author, parseProvenanceRecords } from "@quire/history";

export interface TimedAnswer {
  ms: number;
  status: number;
  bytes: Uint8Array;
}

export interface VersionJson {
  id: string;
  at: number;
  kind: string;
  by: { userId: string; name: string }[];
}

export interface HistoryPage {
  records: ProvenanceRecord[];
  bindings: Map<number, Author>;
  checkpoints: { seq: number; at: number }[];
}

export class HistoryHttp {
  constructor(
    private readonly httpUrl: string,
    private readonly doc: string,
    private readonly token: string,
  ) {}

  async get(path: string): Promise<TimedAnswer> {
    const t0 = performance.now();
    const response = await fetch(`${this.httpUrl}/api/docs/${encodeURIComponent(this.doc)}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const ms = performance.now() - t0;
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${new TextDecoder().decode(bytes).slice(0, 200)}`);
    return { ms, status: response.status, bytes };
  }

  async versions(): Promise<{ ms: number; versions: VersionJson[] }> {
    const answer = await this.get("/versions");
    return { ms: answer.ms, versions: (JSON.parse(new TextDecoder().decode(answer.bytes)) as { versions: VersionJson[] }).versions };
  }

  /** Every page of GET /history: records (checked as the web app checks them), bindings, checkpoints. */
  async history(): Promise<{ ms: number; page: HistoryPage }> {
    const page: HistoryPage = { records: [], bindings: new Map(), checkpoints: [] };
    let after = 0;
    let ms = 0;
    for (;;) {
      const answer = await this.get(`/history?after=${after}`);
      ms += answer.ms;
      const body = JSON.parse(new TextDecoder().decode(answer.bytes)) as {
        records: unknown;
        bindings: { client: number; userId: string; name: string }[];
        checkpoints: { seq: number; at: number }[];
        next: number | null;
      };
      page.records.push(...parseProvenanceRecords(body.records));
      for (const b of body.bindings) page.bindings.set(b.client, { userId: b.userId, name: b.name });
      page.checkpoints = body.checkpoints;
      if (body.next === null) break;
      after = body.next;
    }
    return { ms, page };
  }
}
