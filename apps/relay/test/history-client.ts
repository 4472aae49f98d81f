/**
 * The history API as the web app calls it, for relay tests: fetch with a bearer token, doc
 * names URL-encoded, JSON in and out (or bytes / text for updates and CSV).
 */
import * as Y from "yjs";

export interface ApiAnswer {
  status: number;
  json: unknown;
  text: string;
  bytes: Uint8Array;
  contentType: string | null;
}

export async function historyCall(httpUrl: string, token: string | null, method: string, doc: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${httpUrl}/api/docs/${encodeURIComponent(doc)}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json, text, bytes, contentType: response.headers.get("content-type") };
}

export interface VersionJson {
  id: string;
  at: number;
  kind: "auto" | "named" | "handin" | "restore";
  name?: string;
  by: { userId: string; name: string }[];
  contentHash?: string;
}

export async function listVersions(httpUrl: string, token: string, doc: string): Promise<VersionJson[]> {
  const answer = await historyCall(httpUrl, token, "GET", doc, "/versions");
  if (answer.status !== 200) throw new Error(`GET versions: ${answer.status} ${answer.text}`);
  return (answer.json as { versions: VersionJson[] }).versions;
}

/** The text of `root` ("t") in a version, from its update applied to an empty gc-off doc. */
export async function versionText(httpUrl: string, token: string, doc: string, id: string, root = "t"): Promise<string> {
  const answer = await historyCall(httpUrl, token, "GET", doc, `/versions/${id}/update`);
  if (answer.status !== 200) throw new Error(`GET update: ${answer.status} ${answer.text}`);
  const ydoc = new Y.Doc({ gc: false });
  Y.applyUpdate(ydoc, answer.bytes);
  return ydoc.getText(root).toString();
}
