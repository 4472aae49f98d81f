/**
 * @module RelayReachabilityNotice
 * Says plainly, before anyone types, why the relay cannot be used now: "You are offline" (no
 * network: find one) or "Can't reach the relay" (a network, but no relay: tell the teacher).
 * Starting a workspace still works (it registers later); joining one needs the relay.
 * Nothing is shown while the relay is reachable or the first probe has not answered.
 */
import type { JSX } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { Reachability } from "@quire/client";

export function RelayReachabilityNotice({ state }: { state: Reachability | null }): JSX.Element | null {
  const { t } = useTranslation();
  if (state !== "offline" && state !== "unreachable") return null;
  const text =
    state === "offline"
      ? { title: t("reachability.offlineTitle"), detail: t("reachability.offlineDetail") }
      : { title: t("reachability.unreachableTitle"), detail: t("reachability.unreachableDetail") };
  return (
    <p className="notice" role="status" data-testid="relay-reachability" data-state={state}>
      <strong>{text.title}</strong> {text.detail}
    </p>
  );
}
