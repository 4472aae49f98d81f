/**
 * @module RelayReachabilityNotice
 * Says plainly, before anyone types, why the relay cannot be used now: "You are offline" (no
 * network: find one) or "Can't reach the relay" (a network, but no relay: tell the teacher).
 * Starting a workspace still works (it registers later); joining one needs the relay.
 * Nothing is shown while the relay is reachable or the first probe has not answered.
 */
import type { JSX } from "react";
import type { Reachability } from "../data/index.ts";

const TEXT = {
  offline: {
    title: "You are offline.",
    detail: "You can still start a workspace on this device: it joins the relay when you are back online. Joining a workspace needs the relay.",
  },
  unreachable: {
    title: "Can't reach the relay.",
    detail:
      "Your network works, but the Quire relay does not answer. You can still start a workspace on this device: it joins the relay when the relay is back. Joining a workspace needs the relay.",
  },
} as const;

export function RelayReachabilityNotice({ state }: { state: Reachability | null }): JSX.Element | null {
  if (state !== "offline" && state !== "unreachable") return null;
  const text = TEXT[state];
  return (
    <p className="notice" role="status" data-testid="relay-reachability" data-state={state}>
      <strong>{text.title}</strong> {text.detail}
    </p>
  );
}
