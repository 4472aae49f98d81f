/**
 * @module StorageUsage
 * How much of the relay's storage quota the workspace has used, for the owner (teacher) in
 * the Invite dialog (security review S5): the relay refuses writes beyond the quota (4532),
 * so the owner should see it coming. Read fresh from the relay each time the dialog opens;
 * offline it says the figure is unavailable rather than showing an old one.
 */
import { type JSX, useEffect, useState } from "react";
import { type ApiClient, ApiError, type Membership, type StorageUsage as Usage, formatBytes } from "../data/index.ts";

/** From this share of the quota on, the figure warns (the device storage banner uses 80 % too). */
const WARN_RATIO = 0.8;

type State = { kind: "loading" } | { kind: "ok"; usage: Usage } | { kind: "error"; message: string };

export function StorageUsage({ api, membership }: { api: ApiClient; membership: Membership }): JSX.Element {
  const [state, setState] = useState<State>({ kind: "loading" });
  useEffect(() => {
    let live = true;
    api.storageUsage(membership).then(
      (usage) => live && setState({ kind: "ok", usage }),
      (error: unknown) => live && setState({ kind: "error", message: error instanceof ApiError ? error.message : "The storage figure could not be read." }),
    );
    return () => {
      live = false;
    };
  }, [api, membership]);

  if (state.kind !== "ok") {
    return (
      <div className="storage-usage" data-testid="storage-usage" data-state={state.kind}>
        <h4>Storage on the relay</h4>
        <p className="muted small">{state.kind === "loading" ? "Reading…" : state.message}</p>
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
      <h4>Storage on the relay</h4>
      <p className="small">
        {quota === null
          ? `This workspace uses ${formatBytes(workspace.usedBytes)} (no limit).`
          : `This workspace uses ${formatBytes(workspace.usedBytes)} of ${formatBytes(quota)} (${Math.min(100, Math.floor(ratio * 100))} %).`}
      </p>
      {quota !== null && (
        <meter min={0} max={quota} value={workspace.usedBytes} low={quota * WARN_RATIO} high={quota * 0.95} optimum={0} aria-label="Workspace storage used" />
      )}
      {ratio >= 1 ? (
        <p className="small" role="alert">
          Full: the relay saves no new changes for this workspace. They wait on each device until the relay's operator raises the quota.
        </p>
      ) : ratio >= WARN_RATIO ? (
        <p className="small" role="alert">
          Almost full: when it is full, new changes wait on each device until the relay's operator raises the quota.
        </p>
      ) : null}
      <p className="muted small">
        You wrote {formatBytes(member.usedBytes)}
        {member.quotaBytes === null ? "." : ` of your ${formatBytes(member.quotaBytes)}.`}
      </p>
    </div>
  );
}
