/**
 * @module VersionViewer
 * One version, read-only as rich text: its Yjs update is fetched from the relay (`GET
 * …/versions/{id}/update`), applied to an empty gc-off doc, and rendered by ReadOnlyDoc
 * with the editor chunk's Lexical.
 */
import { type JSX, useEffect, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import * as Y from "yjs";
import { ApiError, type HistoryClient, type VersionInfo } from "@quire/client";
import { createQuireDoc } from "@quire/core";
import { formatTime } from "./format-time.ts";
import { loadEditor } from "../editor/load-editor.ts";
import { ReadOnlyDoc, type ReadOnlyKit } from "./ReadOnlyDoc.tsx";

interface Props {
  client: HistoryClient;
  docName: string;
  version: VersionInfo;
  onBack(): void;
}

export function VersionViewer({ client, docName, version, onBack }: Props): JSX.Element {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<Y.Doc | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Lexical from the editor's chunk (already loaded where a document is open): one Lexical chunk.
  const [kit, setKit] = useState<ReadOnlyKit | null>(null);
  useEffect(() => {
    let live = true;
    loadEditor().then(
      (m) => live && setKit(m.READ_ONLY_KIT),
      () => live && setError(t("editor.loadFailed")),
    );
    return () => {
      live = false;
    };
  }, [t]);
  useEffect(() => {
    let live = true;
    client.versionUpdate(docName, version.id).then(
      (update) => {
        const d = createQuireDoc();
        try {
          Y.applyUpdate(d, update);
        } catch {
          if (live) setError(t("api.badResponse"));
          return;
        }
        if (live) setDoc(d);
      },
      (e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [client, docName, version.id, t]);
  const title = version.name ?? t(`history.kind.${version.kind}`);
  return (
    <div className="history-viewer">
      <div className="history-row">
        <button type="button" className="btn btn-ghost btn-small" onClick={onBack}>
          {t("history.back")}
        </button>
        <h3 className="history-viewer-title" dir="auto">
          {title} · <span className="muted">{formatTime(version.at)}</span>
        </h3>
      </div>
      {error && (
        <p className="notice" role="alert">
          {error}
        </p>
      )}
      {!(doc && kit) && !error && <p className="muted">{t("history.loading")}</p>}
      {doc && kit && <ReadOnlyDoc kit={kit} doc={doc} label={t("history.versionLabel", { name: title })} />}
    </div>
  );
}
