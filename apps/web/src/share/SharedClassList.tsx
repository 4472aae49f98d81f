/**
 * @module SharedClassList
 * What a read-only link to a whole class or one group opens (issue 13): the documents its
 * token may read (the relay lists them: `GET …/documents`), by the titles of the class's
 * document list (its `index` document, read-only like the rest). Picking one opens it as a
 * one-document link does. Nothing here can write: the token is a viewer's.
 */
import { type JSX, useEffect, useMemo, useState } from "react";
import { ClassClient, type SharedClass, type SharedDoc, viewSharedDoc } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";

interface Props {
  shared: SharedClass;
  onOpen(doc: SharedDoc): void;
}

export function SharedClassList({ shared, onOpen }: Props): JSX.Element {
  const { t } = useTranslation();
  const [ids, setIds] = useState<string[] | null>(null);
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  const [failed, setFailed] = useState(false);
  const client = useMemo(() => new ClassClient({ workspaceId: shared.workspaceId, token: () => shared.token }), [shared]);

  useEffect(() => {
    let current = true;
    client.documents().then(
      (docs) => current && setIds(docs.map((d) => d.id).filter((id) => id !== `${shared.workspaceId}/index`)),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [client, shared]);

  useEffect(() => {
    const index = viewSharedDoc({ workspaceName: shared.workspaceName, label: shared.label, doc: `${shared.workspaceId}/index`, token: shared.token }, () => {});
    const docs = index.doc.getMap("docs");
    const read = () => {
      const next = new Map<string, string>();
      docs.forEach((fields, id) => {
        const title = (fields as { get?: (k: string) => unknown }).get?.("title");
        if (typeof title === "string" && title !== "") next.set(`${shared.workspaceId}/${id}`, title);
      });
      setTitles(next);
    };
    docs.observeDeep(read);
    return () => {
      docs.unobserveDeep(read);
      index.stop();
    };
  }, [shared]);

  if (failed) {
    return (
      <p className="form-error" role="alert">
        {t("class.shareBroken")}
      </p>
    );
  }
  return (
    <>
      <p className="muted small" dir="auto">
        {t("class.shareReadOnly", { label: shared.label })}
      </p>
      {ids === null ? (
        <p role="status">{t("class.shareOpening")}</p>
      ) : ids.length === 0 ? (
        <p className="muted">{t("class.shareNoDocuments")}</p>
      ) : (
        <ul className="class-docs" data-testid="shared-class-docs">
          {ids.map((id) => (
            <li key={id}>
              <button type="button" className="btn btn-link" dir="auto" onClick={() => onOpen({ workspaceName: shared.workspaceName, label: shared.label, doc: id, token: shared.token })}>
                {titles.get(id) ?? t("class.shareUntitled")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
