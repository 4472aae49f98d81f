/**
 * @module doc-readers
 * Who can be mentioned in a document's comments: the members the relay says may read it
 * (GET …/documents/:docId/readers, id and name only), kept on the device per document so the
 * picker works offline with the list from the last time online. The answer crosses a trust
 * boundary: it is checked and bounded before use or storage.
 */
import type { Mentionable } from "@quire/comments";

/** Bounds on the answer: the relay sends at most 500; names as the member list bounds them. */
const MAX_READERS = 500;
const MAX_NAME = 80;
const MAX_ID = 200;

const cacheKey = (docName: string) => `quire.readers.${docName}`;

/** The readers in a relay answer (or a stored copy), or null when it is not one. */
export function parseReaders(raw: unknown): Mentionable[] | null {
  const list = (raw as { readers?: unknown } | null)?.readers;
  if (!Array.isArray(list)) return null;
  const out: Mentionable[] = [];
  for (const entry of list.slice(0, MAX_READERS)) {
    const { id, name } = (entry ?? {}) as { id?: unknown; name?: unknown };
    if (typeof id === "string" && typeof name === "string" && id !== "" && id.length <= MAX_ID && name.trim() !== "" && name.length <= MAX_NAME) out.push({ sub: id, name });
  }
  return out;
}

function cached(docName: string): Mentionable[] {
  try {
    return parseReaders(JSON.parse(localStorage.getItem(cacheKey(docName)) ?? "null")) ?? [];
  } catch {
    return [];
  }
}

/**
 * The readers of `docName` ("<workspace>/<docId>"): from the relay when it answers (and then
 * stored), else the stored copy (offline), else nobody.
 */
export async function loadReaders(docName: string, token: () => string, baseUrl = ""): Promise<Mentionable[]> {
  const [workspace, docId] = docName.split("/");
  if (!workspace || !docId) return [];
  try {
    const response = await fetch(`${baseUrl}/api/workspaces/${encodeURIComponent(workspace)}/documents/${encodeURIComponent(docId)}/readers`, {
      headers: { authorization: `Bearer ${token()}`, accept: "application/json" },
    });
    if (!response.ok) return response.status === 403 ? [] : cached(docName);
    const readers = parseReaders(await response.json());
    if (readers === null) return cached(docName);
    try {
      localStorage.setItem(cacheKey(docName), JSON.stringify({ readers: readers.map((r) => ({ id: r.sub, name: r.name })) }));
    } catch {
      // Storage full or blocked: the picker still works for this visit.
    }
    return readers;
  } catch {
    return cached(docName);
  }
}
