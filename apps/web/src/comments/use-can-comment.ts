/**
 * @module use-can-comment
 * Whether this member may comment on a document (issue 15). Editors always may. A member whose
 * token is read-only may be a commenter (or a viewer, who may not): the class role is the
 * relay's, so the answer comes from `GET …/documents/:docId/access` (`comment`), and the last
 * answer is kept on the device per member so a commenter can comment offline too. The relay
 * decides again on every update (a stale "yes" writes nothing the relay would keep).
 */
import { useEffect, useState } from "react";
import type { Membership } from "@quire/client";

const key = (m: Membership) => `quire.canComment.${m.workspace.id}.${m.user.id}`;

function remembered(m: Membership): boolean {
  try {
    return localStorage.getItem(key(m)) === "1";
  } catch {
    return false;
  }
}

export function useCanComment(membership: Membership, docId: string): boolean {
  const isEditor = membership.role === "editor";
  const [answer, setAnswer] = useState(() => isEditor || remembered(membership));
  useEffect(() => {
    if (isEditor || membership.token === "") return;
    const controller = new AbortController();
    const url = `/api/workspaces/${encodeURIComponent(membership.workspace.id)}/documents/${encodeURIComponent(docId)}/access`;
    fetch(url, { headers: { authorization: `Bearer ${membership.token}`, accept: "application/json" }, signal: controller.signal })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: unknown) => {
        if (body === null || typeof body !== "object") return;
        // Only a boolean `comment` counts: anything else is not an answer.
        const comment = (body as Record<string, unknown>).comment;
        if (typeof comment !== "boolean") return;
        setAnswer(comment);
        try {
          localStorage.setItem(key(membership), comment ? "1" : "0");
        } catch {
          // Storage full or blocked: the answer holds for this visit.
        }
      })
      .catch(() => {}); // Offline: the remembered answer stands.
    return () => controller.abort();
  }, [isEditor, membership, docId]);
  return isEditor || answer;
}
