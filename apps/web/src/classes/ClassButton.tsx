/**
 * @module ClassButton
 * The way from the workspace to its class dashboard (issue 13), for teachers only. The owner
 * is a teacher from the start, so the button is there at once; anyone else asks the relay for
 * her class role when the workspace opens (a teacher may have made her one), and sees the
 * button only if it says teacher. A workspace not yet registered with the relay is no class yet.
 */
import { type JSX, useEffect, useState } from "react";
import type { Membership } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import type { AppServices } from "../ui/app-services.ts";
import { Icon } from "../ui/Icon.tsx";
import { navigate } from "../ui/use-route.ts";

interface Props {
  services: AppServices;
  membership: Membership;
  /** The dashboard is showing: the button leads back to the documents. */
  active: boolean;
}

export function ClassButton({ services, membership, active }: Props): JSX.Element | null {
  const { t } = useTranslation();
  const registered = membership.registration === undefined && membership.token !== "";
  const [teacher, setTeacher] = useState(membership.owner);
  useEffect(() => {
    if (!registered || membership.owner || membership.role === "viewer") return;
    let current = true;
    // Offline or refused: no button; it comes with the next open.
    services.api.classRole(membership).then(
      (role) => current && setTeacher(role === "teacher"),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [services, membership, registered]);

  if (!registered || !teacher) return null;
  const workspaceId = membership.workspace.id;
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small class-button"
      aria-current={active ? "page" : undefined}
      onClick={() => navigate(active ? { kind: "workspace", workspaceId, docId: null } : { kind: "class", workspaceId, page: "dashboard" })}
    >
      <Icon name="people" size={16} /> {active ? t("class.backToDocuments") : t("class.open")}
    </button>
  );
}
