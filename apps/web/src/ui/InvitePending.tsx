/**
 * @module InvitePending
 * A workspace started with no network has no join code until the relay registered it: this
 * says so in the top bar (instead of an Invite button), and says why if the relay refused.
 */
import type { JSX } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { Membership, WorkspaceSession } from "@quire/client";
import { useStoreValue } from "./use-store-value.ts";

export function InvitePending({ session, membership }: { session: WorkspaceSession; membership: Membership }): JSX.Element | null {
  const { t } = useTranslation();
  const error = useStoreValue(session, (l) => session.subscribeMembership(l), () => session.registrationError);
  if (!membership.registration) return null;
  return (
    <span className={`muted small invite-pending${error ? " form-error" : ""}`} data-testid="invite-pending" role="status">
      {error ?? t("invite.pending")}
    </span>
  );
}
