/**
 * @module relay-reachability
 * Can this device reach the relay right now, and if not, why: "offline" (the browser has no
 * network at all) or "unreachable" (a network, but the relay does not answer — it is down,
 * or the school Wi-Fi has no route to it). The two need different actions from a student
 * (find a network vs. tell the teacher), so the app never says one for the other.
 *
 * A probe is one GET of `/healthz` that bypasses every cache; any HTTP answer means the
 * relay is reachable (what it says about its health is not our business here).
 */
export type Reachability = "reachable" | "offline" | "unreachable";

export interface ProbeOptions {
  /** Give up after this long (default {@link PROBE_TIMEOUT_MS}). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The browser's online flag (default `navigator.onLine`). */
  online?: () => boolean;
}

/** A relay on the LAN or the internet answers /healthz well within this; a hung one counts as unreachable. */
export const PROBE_TIMEOUT_MS = 5_000;

/** Probes the relay at `baseUrl` (default: this origin). Never rejects. */
export async function probeRelay(baseUrl = "", options: ProbeOptions = {}): Promise<Reachability> {
  const online = options.online ?? (() => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false);
  if (!online()) return "offline";
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? PROBE_TIMEOUT_MS);
  try {
    const response = await fetchImpl(`${baseUrl.replace(/\/+$/, "")}/healthz`, { cache: "no-store", signal: controller.signal });
    await response.body?.cancel().catch(() => {});
    return "reachable";
  } catch {
    // The network may have gone while we waited: say what the browser says now.
    return online() ? "unreachable" : "offline";
  } finally {
    clearTimeout(timer);
  }
}
