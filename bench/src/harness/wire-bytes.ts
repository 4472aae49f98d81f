/**
 * @module wire-bytes
 * Counts what Chromium received over HTTP for one browser context — the page and its service
 * worker — as Chromium itself counts it: CDP `Network.loadingFinished.encodedDataLength`,
 * i.e. response headers plus the body as it came off the socket (compressed). The page's
 * requests are read from a CDP session on the page; the service worker's own fetches (its
 * script, the precache) happen in another target and are read through Playwright's
 * `request.sizes()`, which Playwright derives from the same CDP events of that target.
 * A response served from the HTTP cache or by the service worker counts 0, as it should.
 * Websocket traffic (the doc's sync) is counted apart: it is the document, not the app.
 * Used by the first-load benchmark and the e2e byte-budget test (bytes are deterministic
 * enough to assert; times are not).
 */
import type { BrowserContext, CDPSession, Page, Request } from "playwright-core";

export interface WireResponse {
  url: string;
  bytes: number;
  from: "page" | "service worker";
  /** Content-Encoding of the response ("" for none). */
  encoding: string;
}

export interface WireTotals {
  /** HTTP bytes (headers + encoded bodies) received by the page and its service worker. */
  bytes: number;
  /** Payload bytes of websocket frames received (doc sync, presence). */
  websocketBytes: number;
  responses: WireResponse[];
}

interface LoadingFinished {
  requestId: string;
  encodedDataLength: number;
}
interface ResponseReceived {
  requestId: string;
  response: { url: string; headers: Record<string, string> };
}
interface WebSocketFrame {
  response: { payloadData: string; opcode: number };
}

export class WireBytes {
  private responses: WireResponse[] = [];
  private websocketBytes = 0;
  private readonly pending = new Set<Promise<void>>();
  private readonly urls = new Map<string, { url: string; encoding: string }>();

  private constructor(readonly cdp: CDPSession) {}

  /** Starts counting for `page` and every service worker of its context. */
  static async attach(context: BrowserContext, page: Page): Promise<WireBytes> {
    const cdp = await context.newCDPSession(page);
    const wire = new WireBytes(cdp);
    await cdp.send("Network.enable");
    cdp.on("Network.responseReceived", (e: ResponseReceived) => {
      wire.urls.set(e.requestId, { url: e.response.url, encoding: headerValue(e.response.headers, "content-encoding") });
    });
    cdp.on("Network.loadingFinished", (e: LoadingFinished) => {
      const seen = wire.urls.get(e.requestId);
      wire.responses.push({ url: seen?.url ?? "", bytes: e.encodedDataLength, from: "page", encoding: seen?.encoding ?? "" });
    });
    cdp.on("Network.webSocketFrameReceived", (e: WebSocketFrame) => {
      // Binary frames arrive base64-encoded: 3 bytes per 4 characters.
      const data = e.response.payloadData;
      wire.websocketBytes += e.response.opcode === 2 ? Math.floor((data.length * 3) / 4) : Buffer.byteLength(data);
    });
    context.on("requestfinished", (request: Request) => {
      if (request.serviceWorker() === null) return;
      const counted = wire.countServiceWorkerRequest(request);
      wire.pending.add(counted);
      void counted.finally(() => wire.pending.delete(counted));
    });
    return wire;
  }

  private async countServiceWorkerRequest(request: Request): Promise<void> {
    const sizes = await request.sizes();
    const response = await request.response();
    const encoding = response ? ((await response.allHeaders())["content-encoding"] ?? "") : "";
    this.responses.push({ url: request.url(), bytes: sizes.responseHeadersSize + sizes.responseBodySize, from: "service worker", encoding });
  }

  /** Totals since the last take (after the service worker's counts settled); then starts over. */
  async take(): Promise<WireTotals> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    const responses = this.responses;
    const totals = { bytes: responses.reduce((sum, r) => sum + r.bytes, 0), websocketBytes: this.websocketBytes, responses };
    this.responses = [];
    this.websocketBytes = 0;
    return totals;
  }
}

function headerValue(headers: Record<string, string>, name: string): string {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return "";
}

/** "201.3 KB (page 180.2, service worker 21.1)": a total for a report line. */
export function describeTotals(totals: WireTotals): string {
  const kb = (n: number) => (n / 1000).toFixed(1);
  const of = (from: WireResponse["from"]) => totals.responses.filter((r) => r.from === from).reduce((s, r) => s + r.bytes, 0);
  return `${kb(totals.bytes)} KB (page ${kb(of("page"))}, service worker ${kb(of("service worker"))})`;
}
