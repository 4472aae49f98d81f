/**
 * @module ShareLinksSection
 * Read-only share links (issue 13): for a parent or a partner school, the teacher makes a
 * link to one document, copies it (the secret is shown this once: the relay keeps only its
 * hash), sees the links that still work and revokes any of them, which also closes the
 * viewers' open sockets. The link is `/share#<secret>`: the fragment never reaches a server.
 * A link may also open every document of the class or of one group (a partner school, a
 * parent following a project group).
 */
import { type FormEvent, type JSX, useCallback, useEffect, useState } from "react";
import { MAX_SHARE_LABEL, type ShareLink, type WorkspaceSession } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import type { SectionProps } from "./GroupsSection.tsx";
import { useDocTitles } from "./use-doc-titles.ts";

/** Select values for a class or group link; document ids never start with `*`. */
const WHOLE_CLASS = "*";
const GROUP_PREFIX = "*g:";

export function ShareLinksSection({ client, data, session, busy, act }: SectionProps & { session: WorkspaceSession }): JSX.Element {
  const { t } = useTranslation();
  const documents = useDocTitles(session, data);
  const [links, setLinks] = useState<ShareLink[]>([]);
  const [docId, setDocId] = useState("");
  const [label, setLabel] = useState("");
  const [made, setMade] = useState<{ label: string; url: string } | null>(null);
  const reload = useCallback(() => client.shareLinks().then(setLinks, () => undefined), [client]);
  useEffect(() => void reload(), [reload]);
  const groupName = (id: string) => data.groups.find((g) => g.id === id)?.name ?? id;
  // A link to one document, or (issue 13) to every document of the class or of one group.
  const titleOf = (link: ShareLink) =>
    link.docId !== null
      ? (documents.find((d) => d.docId === link.docId)?.title ?? link.docId)
      : link.groupId
        ? t("class.shareWholeGroup", { name: groupName(link.groupId) })
        : t("class.shareWholeClass");
  const chosen = docId || documents[0]?.docId || "";
  const target = chosen === WHOLE_CLASS ? { groupId: null } : chosen.startsWith(GROUP_PREFIX) ? { groupId: chosen.slice(GROUP_PREFIX.length) } : { docId: chosen };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = label.trim();
    let url = "";
    const ok = await act(async () => {
      const { secret } = await client.createShareLink(target, trimmed);
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
          <option value={WHOLE_CLASS}>{t("class.shareWholeClass")}</option>
          {data.groups.map((g) => (
            <option key={g.id} value={`${GROUP_PREFIX}${g.id}`}>
              {t("class.shareWholeGroup", { name: g.name })}
            </option>
          ))}
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
                <strong>{link.label}</strong> — {titleOf(link)}
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
