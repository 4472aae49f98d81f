/**
 * @module ClassAccessNotice
 * Tells a student the teacher removed her from the class (issue 13): the relay refused her
 * sockets (4403) or her token refresh (403 `removed`). Quire stops syncing the class, and
 * every document stays on this device to read and export — said here so she does not think
 * her work is gone. An alert (announced once by screen readers), shown until she leaves.
 */
import type { JSX } from "react";
import type { Membership, WorkspaceSession } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import { useStoreValue } from "./use-store-value.ts";

interface Props {
  session: WorkspaceSession;
  membership: Membership;
}

export function ClassAccessNotice({ session, membership }: Props): JSX.Element | null {
  const { t } = useTranslation();
  const access = session.access;
  const removed = useStoreValue(access, (l) => access.subscribe(() => l()), () => access.removed);
  if (!removed) return null;
  return (
    <div className="banner banner-near-quota class-access-notice" role="alert" data-testid="removed-notice">
      <strong>{t("access.removedTitle")}</strong> {t("access.removedBody", { workspace: membership.workspace.name })}
    </div>
  );
}
