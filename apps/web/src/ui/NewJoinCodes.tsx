/**
 * @module NewJoinCodes
 * The owner replaces the workspace's join codes, in the Invite dialog (security finding S6:
 * someone removed from the group could rejoin with the same code for ever). Asks first —
 * the old codes stop working for everyone at once; members already in keep their access —
 * then saves the membership with the relay's new codes, which the dialog shows. Needs the
 * relay: offline it says so and changes nothing.
 */
import { type JSX, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { type ApiClient, ApiError, type Membership } from "@quire/client";

interface Props {
  api: ApiClient;
  membership: Membership;
  /** Keeps the membership with its new codes (the app's MembershipStore). */
  onRotated(m: Membership): void;
}

type State = { kind: "idle" } | { kind: "confirm" } | { kind: "busy" } | { kind: "error"; message: string } | { kind: "done" };

export function NewJoinCodes({ api, membership, onRotated }: Props): JSX.Element {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: "idle" });
  const rotate = async () => {
    setState({ kind: "busy" });
    try {
      onRotated(await api.rotateJoinCodes(membership));
      setState({ kind: "done" });
    } catch (error) {
      setState({ kind: "error", message: error instanceof ApiError ? error.message : t("joinCodes.failed") });
    }
  };
  if (state.kind === "confirm" || state.kind === "busy") {
    return (
      <div className="new-join-codes" data-testid="new-join-codes">
        <p className="small">{t("joinCodes.confirm")}</p>
        <div className="new-join-codes-actions">
          <button type="button" className="btn btn-primary btn-small" disabled={state.kind === "busy"} onClick={() => void rotate()}>
            {t("joinCodes.replace")}
          </button>
          <button type="button" className="btn btn-ghost btn-small" disabled={state.kind === "busy"} onClick={() => setState({ kind: "idle" })}>
            {t("common.cancel")}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="new-join-codes" data-testid="new-join-codes">
      {state.kind === "error" && (
        <p className="small" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === "done" && <p className="muted small">{t("joinCodes.done")}</p>}
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setState({ kind: "confirm" })}>
        {t("joinCodes.new")}
      </button>
    </div>
  );
}
