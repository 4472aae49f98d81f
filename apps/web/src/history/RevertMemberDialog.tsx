/**
 * @module RevertMemberDialog
 * "Revert Ben's changes" between two times (by default his first and last edit): confirmed,
 * then `POST …/revert-member`; the relay takes back what he inserted and restores what he
 * deleted in that range as a new change, leaving everyone else's edits, and the result
 * arrives through the live document.
 */
import { type JSX, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { ApiError, type ContributionRow, type HistoryClient } from "@quire/client";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { fromLocalInput, toLocalInput } from "./local-time-input.ts";

interface Props {
  member: ContributionRow;
  client: HistoryClient;
  docName: string;
  onCancel(): void;
  onDone(): void;
}

export function RevertMemberDialog({ member, client, docName, onCancel, onDone }: Props): JSX.Element {
  const { t } = useTranslation();
  const [from, setFrom] = useState(toLocalInput(member.firstEditAt ?? Date.now()));
  const [to, setTo] = useState(toLocalInput(member.lastEditAt ?? Date.now()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    const a = fromLocalInput(from, "floor");
    const b = fromLocalInput(to, "ceil");
    if (a === null || b === null || a > b) {
      setError(t("history.badRange"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await client.revertMember(docName, member.userId, a, b);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog look="history" title={t("history.revertTitle", { name: member.name })} confirmLabel={t("history.revertConfirm")} busy={busy} error={error} onCancel={onCancel} onConfirm={() => void confirm()}>
      <p>{t("history.revertBody", { name: member.name })}</p>
      <div className="history-pickers">
        <label>
          <span>{t("history.rangeFrom")}</span>
          <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          <span>{t("history.rangeTo")}</span>
          <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
    </ConfirmDialog>
  );
}
