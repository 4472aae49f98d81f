/**
 * @module SharePage
 * What a read-only share link opens (`/share#<secret>`, issue 13): a parent or a partner
 * school reads one document, as text, live, and can change nothing. The secret is taken out of
 * the address bar at once (it is as good as the link), exchanged for a viewer token for that
 * document only, and the document is synced from the relay (SharedDocViewer). A revoked link
 * says so. A link to a whole class or group lists its documents by title (SharedClassList);
 * each opens the same way. Its own lazy chunk, not precached (vite.config.ts): it needs the
 * relay anyway.
 */
import { type JSX, useEffect, useState } from "react";
import { ApiError, type SharedClass, type SharedDoc, type SharedDocState, isSharedClass, openShareLink, viewSharedDoc } from "@quire/client";
import { documentBlocks } from "@quire/search";
import "../classes/class-strings.ts";
import { useTranslation } from "../i18n/use-translation.ts";
import { Logo } from "../ui/Logo.tsx";
import { secretFromFragment } from "./share-fragment.ts";
import { SharedClassList } from "./SharedClassList.tsx";

/** One exchange per secret and page: React may run the effect twice. */
const started = new Map<string, Promise<SharedDoc | SharedClass>>();

export function SharePage(): JSX.Element {
  const { t } = useTranslation();
  const [secret] = useState(() => secretFromFragment(window.location.hash));
  const [opened, setOpened] = useState<SharedDoc | SharedClass | null>(null);
  // A class or group link (issue 13): the document picked from its list, read like a one-document link.
  const [picked, setPicked] = useState<SharedDoc | null>(null);
  const shared = opened && !isSharedClass(opened) ? opened : picked;
  const [state, setState] = useState<SharedDocState>("connecting");
  const [blocks, setBlocks] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    window.history.replaceState(null, "", "/share");
    if (secret === null) {
      setError(t("class.shareBroken"));
      return;
    }
    let current = true;
    let opening = started.get(secret);
    if (!opening) {
      opening = openShareLink(secret);
      started.set(secret, opening);
      opening.catch(() => started.delete(secret));
    }
    opening.then(
      (doc) => current && setOpened(doc),
      (err: unknown) => current && setError(err instanceof ApiError && err.status === 404 ? t("class.shareBroken") : t("start.unreachable")),
    );
    return () => {
      current = false;
    };
  }, [secret, t]);

  useEffect(() => {
    if (!shared) return;
    setState("connecting");
    setBlocks([]);
    const viewer = viewSharedDoc(shared, setState);
    const show = () => setBlocks(documentBlocks(viewer.doc));
    viewer.doc.on("update", show);
    return () => {
      viewer.doc.off("update", show);
      viewer.stop();
    };
  }, [shared]);

  return (
    <div className="start">
      <div className="start-card" data-testid="share-page">
        <div className="start-brand">
          <Logo size={44} />
          <h1 dir="auto">{opened ? opened.workspaceName : "Quire"}</h1>
        </div>
        {error !== null ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : opened === null ? (
          <p role="status">{t("class.shareOpening")}</p>
        ) : isSharedClass(opened) && picked === null ? (
          <SharedClassList shared={opened} onOpen={setPicked} />
        ) : shared === null ? null : (
          <>
            <p className="muted small" dir="auto">
              {t("class.shareReadOnly", { label: shared.label })}
            </p>
            {picked !== null && (
              <button type="button" className="btn btn-link" onClick={() => setPicked(null)}>
                {t("class.shareBackToList")}
              </button>
            )}
            {state === "revoked" && (
              <p className="form-error" role="alert">
                {t("class.shareRevoked")}
              </p>
            )}
            <article data-testid="shared-doc" data-state={state}>
              {state !== "connecting" && blocks.length === 0 && <p className="muted">{t("class.shareEmpty")}</p>}
              {blocks.map((text, i) => (
                // Blocks have no identity of their own here; the list is re-read whole on each update.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <p key={i} dir="auto">
                  {text}
                </p>
              ))}
            </article>
          </>
        )}
      </div>
    </div>
  );
}
