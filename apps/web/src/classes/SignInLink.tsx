/**
 * @module SignInLink
 * What a student's sign-in card opens (`/signin#<code>`, sign-in-link.ts): the code is taken
 * out of the address bar at once, the device signs in as her (`POST /api/sign-in`) and her
 * workspace opens. A code that no longer works says so, with the way back to the start screen.
 */
import { type JSX, useEffect, useState } from "react";
import { ApiError } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import type { AppServices } from "../ui/app-services.ts";
import { Logo } from "../ui/Logo.tsx";
import { navigate } from "../ui/use-route.ts";
import { codeFromFragment } from "./sign-in-link.ts";

/** One sign-in per code and page: React may run the effect twice, the link is used once. */
const started = new Map<string, Promise<string>>();

export function SignInLink({ services }: { services: AppServices }): JSX.Element {
  const { t } = useTranslation();
  const [code] = useState(() => codeFromFragment(window.location.hash));
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // Out of the address bar and this entry of the tab's history before anything else.
    window.history.replaceState(null, "", "/signin");
    if (code === null) {
      setError(t("class.signInLinkBroken"));
      return;
    }
    let current = true;
    let signingIn = started.get(code);
    if (!signingIn) {
      signingIn = services.api.signIn(code).then((joined) => {
        const m = services.memberships.add(joined);
        services.memberships.setLastOpened(m.workspace.id);
        return m.workspace.id;
      });
      started.set(code, signingIn);
      signingIn.catch(() => started.delete(code));
    }
    signingIn.then(
      (workspaceId) => current && navigate({ kind: "workspace", workspaceId, docId: null }, { replace: true }),
      (err: unknown) => current && setError(err instanceof ApiError ? err.message : t("start.unreachable")),
    );
    return () => {
      current = false;
    };
  }, [code, services, t]);

  return (
    <div className="start">
      <div className="start-card">
        <div className="start-brand">
          <Logo size={44} />
          <h1>Quire</h1>
        </div>
        {error === null ? (
          <p role="status">{t("class.signingIn")}</p>
        ) : (
          <>
            <p className="form-error" role="alert">
              {error}
            </p>
            <button type="button" className="btn btn-primary" onClick={() => navigate({ kind: "start" }, { replace: true })}>
              {t("class.toStart")}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
