/**
 * @module use-connection-announcement
 * Says a lasting connection change through the live region (Announcer): "You are offline …",
 * "Can't reach the relay …", and "Online …" when it is back. The pill in the top bar changes
 * silently for a screen-reader user otherwise.
 *
 * Invariants: the state shown when the workspace opens is not announced; "Connecting…" never
 * is (a retry is not news, and backoff retries would make the reader chatter); a change has
 * to last `SETTLE_MS` to be said, and the same words are not said twice in a row.
 */
import { useEffect, useRef } from "react";
import { announce, baseline } from "./Announcer.tsx";

/** A socket that drops and comes straight back is not worth interrupting anyone for. */
const SETTLE_MS = 1_500;
const TOPIC = "connection";

export function useConnectionAnnouncement(state: "online" | "connecting" | "offline", text: string, hint: string): void {
  const opened = useRef(false);
  useEffect(() => {
    if (state === "connecting") return;
    const message = `${text}. ${hint}`;
    if (!opened.current) {
      opened.current = true;
      baseline(TOPIC, message);
      return;
    }
    announce(TOPIC, message, SETTLE_MS);
  }, [state, text, hint]);
}
