/**
 * @module use-relay-reachability
 * Whether the relay can be reached now, for screens that need it before anyone types (the
 * start screen: joining needs the relay). Probes at once, whenever the browser goes online or
 * offline, and every {@link REPROBE_MS} while the relay is not reachable, so the notice goes
 * away by itself when the relay is back. `null` until the first probe answered.
 */
import { useEffect, useState } from "react";
import { type Reachability, probeRelay } from "@quire/client";

/** One GET /healthz of a few bytes; often enough that a relay back on the LAN is noticed quickly. */
const REPROBE_MS = 5_000;

export function useRelayReachability(): Reachability | null {
  const [state, setState] = useState<Reachability | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let generation = 0;
    const probe = () => {
      if (timer !== null) clearTimeout(timer);
      const mine = ++generation;
      void probeRelay().then((result) => {
        // Only the latest probe speaks: an older one may answer after the network changed.
        if (stopped || mine !== generation) return;
        setState(result);
        if (result !== "reachable") timer = setTimeout(probe, REPROBE_MS);
      });
    };
    probe();
    window.addEventListener("online", probe);
    window.addEventListener("offline", probe);
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      window.removeEventListener("online", probe);
      window.removeEventListener("offline", probe);
    };
  }, []);
  return state;
}
