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
import { WORKSPACE_ID } from "./membership.ts";
import { relayFetch } from "./relay-fetch.ts";
import { defaultRelayUrl } from "./relay-urls.ts";
import { responseChecks } from "./response-checks.ts";
import { WEB_LIMITS } from "./web-limits.ts";

export interface SharedDoc {
  workspaceName: string;
  /** Who the link is for, as the teacher wrote it. */
  label: string;
  doc: string;
  token: string;
}

/** What a link to a whole class or one group opens: its documents, listed with this token. */
export interface SharedClass {
  workspaceId: string;
  workspaceName: string;
  label: string;
  /** The group whose documents it opens; null: the whole class. */
  groupId: string | null;
  token: string;
}

export type SharedDocState = "connecting" | "synced" | "revoked";

const { bad, object } = responseChecks("share answer");

/** Exchanges a link's secret for a viewer token; throws ApiError (404 `unknown_link` when revoked). */
export async function openShareLink(secret: string, origin = globalThis.location?.origin ?? ""): Promise<SharedDoc | SharedClass> {
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
    [workspace.id, "workspace.id"],
    [workspace.name, "workspace.name"],
    [o.label, "label"],
    [o.token, "token"],
  ] as const) {
    if (typeof value !== "string" || value.length === 0) throw bad(`${what} is not text`);
  }
  if (o.doc === null) {
    if (!WORKSPACE_ID.test(workspace.id as string)) throw bad("workspace.id is not a workspace id");
    if (o.groupId !== null && typeof o.groupId !== "string") throw bad("groupId is not text");
    return { workspaceId: workspace.id as string, workspaceName: workspace.name as string, label: o.label as string, groupId: (o.groupId as string | null) ?? null, token: o.token as string };
  }
  if (typeof o.doc !== "string" || o.doc.length === 0) throw bad("doc is not text");
  return { workspaceName: workspace.name as string, label: o.label as string, doc: o.doc, token: o.token as string };
}

/** True for what a link to a whole class or group opens (not one document). */
export function isSharedClass(shared: SharedDoc | SharedClass): shared is SharedClass {
  return !("doc" in shared);
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
