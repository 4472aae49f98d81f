/**
 * @module use-presence-announcements
 * Says "Ben joined this document" / "Ben left this document" through the live region
 * (Announcer) when a classmate opens or leaves the open document: the avatars change silently
 * for a screen-reader user otherwise.
 *
 * Invariants: the people already here when the document opens are not announced; oneself
 * never is; a person counts once however many tabs they have open; a reconnect that drops and
 * brings back a person within the settle time says nothing (per-person topic, last state wins).
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { announce, baseline } from "./Announcer.tsx";

/** A reconnect flaps presence within a second or two; only a lasting change is news. */
const SETTLE_MS = 2_000;

export function usePresenceAnnouncements(docKey: string, people: readonly { name: string; self: boolean }[]): void {
  const { t } = useTranslation();
  const known = useRef<Set<string> | null>(null);
  const names = [...new Set(people.filter((p) => !p.self).map((p) => p.name))].sort().join("\n");
  useEffect(() => {
    const now = new Set(names === "" ? [] : names.split("\n"));
    const before = known.current;
    known.current = now;
    const topic = (name: string) => `presence ${docKey} ${name}`;
    if (before === null) {
      for (const name of now) baseline(topic(name), t("presence.joined", { name }));
      return;
    }
    for (const name of now) if (!before.has(name)) announce(topic(name), t("presence.joined", { name }), SETTLE_MS);
    for (const name of before) if (!now.has(name)) announce(topic(name), t("presence.left", { name }), SETTLE_MS);
  }, [docKey, names, t]);
}
