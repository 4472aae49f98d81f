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
  /** Service worker responses whose size could not be read (worker gone): URL and why. */
  uncounted: string[];
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
  private failures: string[] = [];
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
      // A count that fails (its worker was removed or the context closed under it) is listed
      // by the next take() as uncounted, never left as an unhandled rejection.
      const counted = wire.countServiceWorkerRequest(request).catch((error: unknown) => {
        wire.failures.push(`${request.url()}: ${error instanceof Error ? error.message : String(error)}`);
      });
      wire.pending.add(counted);
      void counted.then(() => wire.pending.delete(counted));
    });
    return wire;
  }

  private async countServiceWorkerRequest(request: Request): Promise<void> {
    const response = await request.response();
    const headers = response?.headers() ?? {};
    const encoding = headers["content-encoding"] ?? "";
    let bytes: number;
    try {
      const sizes = await request.sizes();
      bytes = sizes.responseHeadersSize + sizes.responseBodySize;
    } catch (error) {
      // Chromium may drop the worker target that fetched the worker's own script before
      // Playwright read its sizes. The relay speaks HTTP/1.1 with a Content-Length, so the
      // bytes are the status line, the header lines and that many body bytes.
      const length = headers["content-length"];
      if (!response || length === undefined) throw error;
      bytes = http1HeadBytes(response.status(), response.statusText(), headers) + Number(length);
    }
    this.responses.push({ url: request.url(), bytes, from: "service worker", encoding });
  }

  /**
   * Totals since the last take (after the service worker's counts settled); then starts over.
   * A caller that states a total checks `uncounted` is empty.
   */
  async take(): Promise<WireTotals> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    const responses = this.responses;
    const totals = { bytes: responses.reduce((sum, r) => sum + r.bytes, 0), websocketBytes: this.websocketBytes, responses, uncounted: this.failures };
    this.failures = [];
    this.responses = [];
    this.websocketBytes = 0;
    return totals;
  }
}

/** Bytes of an HTTP/1.1 response head: status line, `name: value` lines, blank line. */
function http1HeadBytes(status: number, statusText: string, headers: Record<string, string>): number {
  let bytes = Buffer.byteLength(`HTTP/1.1 ${status} ${statusText}\r\n\r\n`);
  for (const [name, value] of Object.entries(headers)) bytes += Buffer.byteLength(`${name}: ${value}\r\n`);
  return bytes;
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
