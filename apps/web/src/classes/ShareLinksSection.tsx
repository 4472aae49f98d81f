/**
 * @module ShareLinksSection
 * Read-only share links (issue 13): for a parent or a partner school, the teacher makes a
 * link to one document, copies it (the secret is shown this once: the relay keeps only its
 * hash), sees the links that still work and revokes any of them, which also closes the
 * viewers' open sockets. The link is `/share#<secret>`: the fragment never reaches a server.
 */
import { type FormEvent, type JSX, useCallback, useEffect, useState } from "react";
import { MAX_SHARE_LABEL, type ShareLink, type WorkspaceSession } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import type { SectionProps } from "./GroupsSection.tsx";
import { useDocTitles } from "./use-doc-titles.ts";

export function ShareLinksSection({ client, data, session, busy, act }: SectionProps & { session: WorkspaceSession }): JSX.Element {
  const { t } = useTranslation();
  const documents = useDocTitles(session, data);
  const [links, setLinks] = useState<ShareLink[]>([]);
  const [docId, setDocId] = useState("");
  const [label, setLabel] = useState("");
  const [made, setMade] = useState<{ label: string; url: string } | null>(null);
  const reload = useCallback(() => client.shareLinks().then(setLinks, () => undefined), [client]);
  useEffect(() => void reload(), [reload]);
  const titleOf = (id: string) => documents.find((d) => d.docId === id)?.title ?? id;
  const chosen = docId || documents[0]?.docId || "";

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = label.trim();
    let url = "";
    const ok = await act(async () => {
      const { secret } = await client.createShareLink(chosen, trimmed);
      url = `${window.location.origin}/share#${secret}`;
    }, t("class.shareMade", { label: trimmed }));
    if (ok) {
      setMade({ label: trimmed, url });
      setLabel("");
    }
    await reload();
  };

  return (
    <section className="class-section" aria-labelledby="class-share">
      <h2 id="class-share">{t("class.shareLinks")}</h2>
      <p className="muted small">{t("class.shareIntro")}</p>
      <form className="class-inline-form" onSubmit={create}>
        <label htmlFor="class-share-doc">{t("class.shareDoc")}</label>
        <select id="class-share-doc" value={chosen} onChange={(e) => setDocId(e.target.value)}>
          {documents.map((d) => (
            <option key={d.docId} value={d.docId}>
              {d.title}
            </option>
          ))}
        </select>
        <label htmlFor="class-share-label">{t("class.shareFor")}</label>
        <input id="class-share-label" dir="auto" value={label} maxLength={MAX_SHARE_LABEL} required onChange={(e) => setLabel(e.target.value)} />
        <button type="submit" className="btn btn-primary btn-small" disabled={busy || chosen === "" || label.trim() === ""}>
          {t("class.shareCreate")}
        </button>
      </form>
      {made && (
        <p className="small">
          <label htmlFor="class-share-url">{t("class.shareUrl", { label: made.label })}</label>{" "}
          <input id="class-share-url" readOnly value={made.url} onFocus={(e) => e.currentTarget.select()} data-testid="share-url" />
        </p>
      )}
      {links.length === 0 ? (
        <p className="muted small">{t("class.noShareLinks")}</p>
      ) : (
        <ul className="class-docs" data-testid="share-links">
          {links.map((link) => (
            <li key={link.id} className="class-doc class-doc-head" data-link-id={link.id}>
              <span dir="auto">
                <strong>{link.label}</strong> — {titleOf(link.docId)}
              </span>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                aria-label={t("class.revokeLink", { label: link.label })}
                disabled={busy}
                onClick={async () => {
                  await act(() => client.revokeShareLink(link.id), t("class.linkRevoked", { label: link.label }));
                  await reload();
                }}
              >
                {t("class.revoke")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
