/**
 * @module SharedDocViewer
 * What a read-only share link opens (issue 13): the link's secret is exchanged for a viewer
 * token for one document (`POST /api/share`), and the document is synced read-only from the
 * relay — no device copy, no presence (a parent is not a member of the class). The relay
 * refuses any write from this token anyway; this side simply never makes one.
 *
 * When the teacher revokes the link the relay closes the socket (4403); the viewer stops and
 * says so instead of reconnecting in a loop.
 */
import { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { CloseCode, createQuireDoc, tokenSubprotocols } from "@quire/core";
import { errorFor } from "./ApiClient.ts";
import { relayFetch } from "./relay-fetch.ts";
import { responseChecks } from "./response-checks.ts";
import { WEB_LIMITS } from "./web-limits.ts";

export interface SharedDoc {
  workspaceName: string;
  /** Who the link is for, as the teacher wrote it. */
  label: string;
  doc: string;
  token: string;
}

export type SharedDocState = "connecting" | "synced" | "revoked";

const { bad, object } = responseChecks("share answer");

/** Exchanges a link's secret for a viewer token; throws ApiError (404 `unknown_link` when revoked). */
export async function openShareLink(secret: string, origin = globalThis.location?.origin ?? ""): Promise<SharedDoc> {
  const response = await relayFetch("POST", `${origin}/api/share`, {
    fetchImpl: (input, init) => globalThis.fetch(input, init),
    timeoutMs: WEB_LIMITS.apiTimeoutMs,
    body: { secret },
  });
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorFor(response.status, data);
  const o = object(data, "answer");
  const workspace = object(o.workspace, "workspace");
  for (const [value, what] of [
    [workspace.name, "workspace.name"],
    [o.label, "label"],
    [o.doc, "doc"],
    [o.token, "token"],
  ] as const) {
    if (typeof value !== "string" || value.length === 0) throw bad(`${what} is not text`);
  }
  return { workspaceName: workspace.name as string, label: o.label as string, doc: o.doc as string, token: o.token as string };
}

/** Syncs `shared.doc` read-only; `onState` hears when it is synced and when the link was revoked. */
export function viewSharedDoc(shared: SharedDoc, onState: (state: SharedDocState) => void, relayUrl = defaultRelayUrl()): { doc: Y.Doc; stop(): void } {
  const doc = createQuireDoc({ guid: shared.doc });
  const provider = new WebsocketProvider(relayUrl, shared.doc, doc, {
    protocols: tokenSubprotocols(shared.token),
    maxBackoffTime: WEB_LIMITS.maxReconnectBackoffMs,
    disableBc: true,
  });
  provider.awareness.setLocalState(null);
  provider.on("sync", (synced: boolean) => synced && onState("synced"));
  provider.on("connection-close", (event: CloseEvent | null) => {
    if (event?.code !== CloseCode.Forbidden) return;
    provider.disconnect();
    onState("revoked");
  });
  return {
    doc,
    stop: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

function defaultRelayUrl(): string {
  const origin = (globalThis as { location?: Location }).location?.origin ?? "http://127.0.0.1:8787";
  return `${origin.replace(/^http/, "ws")}/sync`;
}
