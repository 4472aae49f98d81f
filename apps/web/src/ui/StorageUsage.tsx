/**
 * @module StorageUsage
 * How much of the relay's storage quota the workspace has used, for the owner (teacher) in
 * the Invite dialog (security review S5): the relay refuses writes beyond the quota (4532),
 * so the owner should see it coming. Read fresh from the relay each time the dialog opens;
 * offline it says the figure is unavailable rather than showing an old one.
 */
import { type JSX, useEffect, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { type ApiClient, ApiError, type Membership, type StorageUsage as Usage, formatBytes } from "@quire/client";

/** From this share of the quota on, the figure warns (the device storage banner uses 80 % too). */
const WARN_RATIO = 0.8;

/** `message` is the relay's own words, or null for a failure without them (said in the interface language). */
type State = { kind: "loading" } | { kind: "ok"; usage: Usage } | { kind: "error"; message: string | null };

export function StorageUsage({ api, membership }: { api: ApiClient; membership: Membership }): JSX.Element {
  const { t, i18n } = useTranslation();
  const bytes = (n: number) => formatBytes(n, i18n.language);
  const [state, setState] = useState<State>({ kind: "loading" });
  useEffect(() => {
    let live = true;
    api.storageUsage(membership).then(
      (usage) => live && setState({ kind: "ok", usage }),
      (error: unknown) => live && setState({ kind: "error", message: error instanceof ApiError ? error.message : null }),
    );
    return () => {
      live = false;
    };
  }, [api, membership]);

  if (state.kind !== "ok") {
    return (
      <div className="storage-usage" data-testid="storage-usage" data-state={state.kind}>
        <h4>{t("usage.title")}</h4>
        <p className="muted small">{state.kind === "loading" ? t("usage.reading") : (state.message ?? t("usage.failed"))}</p>
      </div>
    );
  }
  const { workspace, member } = state.usage;
  const quota = workspace.quotaBytes;
  const ratio = quota === null ? 0 : workspace.usedBytes / quota;
  return (
    <div
      className="storage-usage"
      data-testid="storage-usage"
      data-state="ok"
      data-used-bytes={workspace.usedBytes}
      data-quota-bytes={quota ?? ""}
    >
      <h4>{t("usage.title")}</h4>
      <p className="small">
        {quota === null
          ? t("usage.noLimit", { used: bytes(workspace.usedBytes) })
          : t("usage.ofQuota", { used: bytes(workspace.usedBytes), quota: bytes(quota), percent: Math.min(100, Math.floor(ratio * 100)) })}
      </p>
      {quota !== null && (
        <meter min={0} max={quota} value={workspace.usedBytes} low={quota * WARN_RATIO} high={quota * 0.95} optimum={0} aria-label={t("usage.meter")} />
      )}
      {ratio >= 1 ? (
        <p className="small" role="alert">
          {t("usage.full")}
        </p>
      ) : ratio >= WARN_RATIO ? (
        <p className="small" role="alert">
          {t("usage.almostFull")}
        </p>
      ) : null}
      <p className="muted small">
        {member.quotaBytes === null
          ? t("usage.youWrote", { used: bytes(member.usedBytes) })
          : t("usage.youWroteOf", { used: bytes(member.usedBytes), quota: bytes(member.quotaBytes) })}
      </p>
    </div>
  );
}
