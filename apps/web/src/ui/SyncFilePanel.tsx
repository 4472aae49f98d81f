/**
 * @module SyncFilePanel
 * The "Sync file" dialog (SyncFileMenu.tsx opens it): save this workspace's changes to a
 * `.quire` file from the device's copies, or load one and report what it changed. Its own
 * chunk with the file format (sync-file-actions.ts), fetched when the menu is first opened or
 * hovered and kept by the service worker's runtime cache (vite.config.ts), so the first visit
 * does not carry it (issue 10's 250 KB budget).
 */
import { type ChangeEvent, type JSX, type RefObject, useRef, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { type Membership, UNTITLED, type WorkspaceSession } from "@quire/client";
import type { ImportPlan, SyncFileError, SyncFileErrorCode } from "@quire/syncfile";
import { shownTitle } from "./shown-title.ts";

interface Props {
  session: WorkspaceSession;
  membership: Membership;
  popoverRef: RefObject<HTMLDivElement | null>;
  onClose(): void;
}

type Message = { role: "alert" | "status"; text: string };

/** Which sentence tells the student what went wrong (the code is stable, the text translated). */
const ERROR_KEYS: Record<SyncFileErrorCode, string> = {
  "not-a-sync-file": "syncFile.error.notASyncFile",
  "unsupported-version": "syncFile.error.unsupportedVersion",
  truncated: "syncFile.error.truncated",
  "too-large": "syncFile.error.tooLarge",
  "bad-manifest": "syncFile.error.damaged",
  "hash-mismatch": "syncFile.error.damaged",
  "bad-update": "syncFile.error.damaged",
  "bad-signature": "syncFile.error.tampered",
  "over-budget": "syncFile.error.tooSlow",
  "wrong-workspace": "syncFile.error.wrongWorkspace",
};

export function SyncFilePanel({ session, membership, popoverRef, onClose }: Props): JSX.Element {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [report, setReport] = useState<ImportPlan | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const save = async () => {
    setBusy(true);
    setReport(null);
    setMessage({ role: "status", text: t("syncFile.saving") });
    try {
      const { exportFromDevice } = await import("./sync-file-actions.ts");
      const bytes = await exportFromDevice(session);
      const name = fileName(membership.workspace.name);
      download(bytes, name);
      setMessage({ role: "status", text: t("syncFile.saved", { file: name }) });
    } catch {
      setMessage({ role: "alert", text: t("syncFile.error.saveFailed") });
    } finally {
      setBusy(false);
    }
  };

  const load = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ""; // The same file again must fire `change` too.
    if (!file) return;
    setBusy(true);
    setReport(null);
    setMessage({ role: "status", text: t("syncFile.checking") });
    try {
      const { importToDevice } = await import("./sync-file-actions.ts");
      const plan = await importToDevice(session, new Uint8Array(await file.arrayBuffer()));
      setReport(plan);
      setMessage({ role: "status", text: `${t("syncFile.changedDocs", { count: plan.changed })} ${plan.changed > 0 ? t("syncFile.loaded") : ""}` });
    } catch (error) {
      const key = isSyncFileError(error) ? ERROR_KEYS[error.code] : "syncFile.error.failed";
      setMessage({ role: "alert", text: t(key as "syncFile.error.failed") });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div ref={popoverRef} className="share-pop" role="dialog" aria-label={t("syncFile.title")} data-testid="sync-file-dialog">
      <h3>{t("syncFile.title")}</h3>
      <p className="muted small">{t("syncFile.howTo")}</p>
      <button type="button" className="btn btn-primary" disabled={busy} onClick={save}>
        {t("syncFile.save")}
      </button>
      {membership.role === "editor" && (
        <>
          <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => input.current?.click()}>
            {t("syncFile.load")}
          </button>
          <input ref={input} type="file" accept=".quire" hidden data-testid="sync-file-input" onChange={load} />
        </>
      )}
      <div role={message?.role ?? "status"} className="small" data-testid="sync-file-message">
        {message?.text}
      </div>
      {report && <Report plan={report} session={session} />}
      <button type="button" className="btn btn-ghost btn-small share-close" onClick={onClose}>
        {t("common.done")}
      </button>
    </div>
  );
}

/** Fetches the file-format chunk as well (SyncFileMenu warms both when the menu is approached). */
export function warmSyncFileActions(): void {
  void import("./sync-file-actions.ts").catch(() => undefined);
}

/** By name, not `instanceof`: the class lives in the lazily loaded chunk. */
function isSyncFileError(error: unknown): error is SyncFileError {
  return error instanceof Error && error.name === "SyncFileError" && (error as SyncFileError).code in ERROR_KEYS;
}

function Report({ plan, session }: { plan: ImportPlan; session: WorkspaceSession }): JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="small" data-testid="sync-file-report">
      <p>
        {t("syncFile.signedBy", { name: plan.signedBy.name })} {plan.signedBy.known ? "" : t("syncFile.unknownKey")}
      </p>
      <ul className="sync-file-report">
        {plan.documents.map((doc) => {
          const id = doc.name.slice(doc.name.indexOf("/") + 1);
          const title = id === "index" || id.startsWith("index/") ? t("syncFile.documentList") : shownTitle(session.index.get(id)?.title ?? UNTITLED, t("doc.untitled"));
          const parts =
            doc.status === "unchanged"
              ? [t("syncFile.noChange")]
              : [
                  ...(doc.status === "new" ? [t("syncFile.newDoc")] : []),
                  t("syncFile.inserted", { count: doc.insertedCharacters }),
                  t("syncFile.deleted", { count: doc.deletedCharacters }),
                  ...(doc.waitingForEarlierChanges ? [t("syncFile.waiting")] : []),
                ];
          return (
            <li key={doc.name} data-doc={id} data-status={doc.status}>
              <span dir="auto">{title}</span>: {parts.join(", ")}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** `<workspace>-<yyyy-mm-dd-hhmm>.quire`, with only characters every file system accepts. */
function fileName(workspace: string): string {
  const safe = workspace.replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "quire";
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${safe}-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}.quire`;
}

function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once clicked; revoking later keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
