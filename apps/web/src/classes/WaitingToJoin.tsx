/**
 * @module WaitingToJoin
 * What a device that joined a class with its class code sees until a teacher lets it in
 * (issue 13): "Waiting for your teacher to let you in", the roster's student names to pick
 * hers from (a claim the teacher confirms — never a sign-in by itself), and, once decided,
 * the class (let in: the membership is replaced by the member she was let in as) or a clear
 * "your teacher did not let you in". The relay refuses a waiting device everything, so
 * nothing can be written here that could be lost; the decision is kept on the device
 * (MembershipStore), so a declined device still says so offline. Its own chunk (LazyClass).
 */
import { type JSX, useEffect, useMemo, useState } from "react";
import { type Admission, AdmissionWatcher, ApiError, type Membership, memberKey, pickRosterName } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import type { AppServices } from "../ui/app-services.ts";
import { Logo } from "../ui/Logo.tsx";
import { navigate } from "../ui/use-route.ts";
import "./class-strings.ts";

interface Props {
  services: AppServices;
  membership: Membership;
}

const NOT_LISTED = "";

export function WaitingToJoin({ services, membership }: Props): JSX.Element {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState<Extract<Admission, { state: "waiting" }> | null>(null);
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const declined = membership.admission === "declined";

  const watcher = useMemo(
    () =>
      declined
        ? null
        : new AdmissionWatcher(membership, {
            onAnswer: (a) => {
              if (a.state === "waiting") return setAnswer(a);
              const store = services.memberships;
              if (a.state === "declined") return store.save({ ...membership, admission: "declined" });
              // Let in (perhaps as a roster member: another id). The waiting entry goes, the
              // member she now is comes in its place as the one writing on this device.
              store.remove(membership.workspace.id, memberKey(membership));
              const m = store.add(membership.deviceKey === undefined ? a.membership : { ...a.membership, deviceKey: membership.deviceKey });
              store.setLastOpened(m.workspace.id);
            },
            onError: (e) => setError(e.message),
          }),
    [declined, membership, services],
  );
  useEffect(() => {
    watcher?.start();
    return () => watcher?.stop();
  }, [watcher]);

  const picked = choice ?? answer?.picked ?? NOT_LISTED;
  const pick = async () => {
    setError(null);
    setSaved(false);
    try {
      await pickRosterName(membership, picked === NOT_LISTED ? null : picked);
      setSaved(true);
      watcher?.pollNow();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("start.unreachable"));
    }
  };
  const forget = () => {
    services.memberships.remove(membership.workspace.id, memberKey(membership));
    navigate({ kind: "start" }, { replace: true });
  };

  return (
    <div className="start">
      <div className="start-card" data-testid="waiting-to-join">
        <div className="start-brand">
          <Logo size={44} />
          <h1 dir="auto">{membership.workspace.name}</h1>
        </div>
        {declined ? (
          <>
            <p role="alert">
              <strong>{t("class.joinDeclinedTitle")}</strong> {t("class.joinDeclinedBody")}
            </p>
            <button type="button" className="btn btn-primary" onClick={forget}>
              {t("class.joinForget")}
            </button>
          </>
        ) : (
          <>
            <p role="status">
              <strong>{t("class.joinWaitingTitle")}</strong> {t("class.joinWaitingBody", { name: membership.user.name })}
            </p>
            {answer && answer.roster.length > 0 && (
              <div className="start-form">
                <label>
                  {t("class.joinPickLabel")}
                  <select value={picked} onChange={(e) => setChoice(e.target.value)} data-testid="waiting-pick">
                    <option value={NOT_LISTED}>{t("class.joinNotListed")}</option>
                    {answer.roster.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="button" className="btn" onClick={() => void pick()}>
                  {t("class.joinPickSave")}
                </button>
                {saved && <p role="status">{t("class.joinPickSaved")}</p>}
              </div>
            )}
          </>
        )}
        {error !== null && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="button" className="btn btn-link" onClick={() => navigate({ kind: "start" })}>
          {t("class.toStart")}
        </button>
      </div>
    </div>
  );
}
