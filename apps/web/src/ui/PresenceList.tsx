/**
 * @module PresenceList
 * Who has this document open right now (from awareness), as coloured initials.
 */
import type { JSX } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { DocHandle } from "@quire/client";
import { usePresenceAnnouncements } from "./use-presence-announcements.ts";
import { useStoreValue } from "./use-store-value.ts";
import { initials, presenceColor } from "../editor/user-color.ts";

interface Person {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

function readPeople(handle: DocHandle, selfClientId: number): Person[] {
  const people: Person[] = [];
  for (const [clientId, state] of handle.awareness.getStates()) {
    // Peers are untrusted: only plain strings of sane length are shown, only #rrggbb colours
    // are used. The relay writes the name of the sender's token over the names it claims.
    const user = (state as { awarenessData?: { user?: { name?: unknown; color?: unknown } } }).awarenessData?.user;
    const top = state as { name?: unknown; color?: unknown; user?: { name?: unknown; color?: unknown } };
    const name = [user?.name, top.user?.name, top.name].find((v): v is string => typeof v === "string" && v.length > 0);
    const color = [user?.color, top.user?.color, top.color].map(presenceColor).find((v) => v !== null);
    if (!name) continue;
    people.push({ clientId, name: name.slice(0, 40), color: color ?? "#868e96", self: clientId === selfClientId });
  }
  return people.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

export function PresenceList({ handle, selfClientId }: { handle: DocHandle; selfClientId: number }): JSX.Element {
  const { t } = useTranslation();
  const people = useStoreValue(
    handle.awareness,
    (listener) => {
      handle.awareness.on("change", listener);
      return () => handle.awareness.off("change", listener);
    },
    () => readPeople(handle, selfClientId),
  );
  usePresenceAnnouncements(handle.docName, people);
  return (
    <ul className="presence" aria-label={t("presence.label")} data-testid="presence">
      {people.map((p) => (
        <li key={p.clientId} className="avatar" style={{ backgroundColor: p.color }} title={p.self ? t("presence.you", { name: p.name }) : p.name} data-name={p.name}>
          {/* Initials and the whole name, not only a colour (WCAG 1.4.1): the name for screen readers. */}
          <span aria-hidden="true">{initials(p.name)}</span>
          <span className="visually-hidden">{p.self ? t("presence.you", { name: p.name }) : p.name}</span>
        </li>
      ))}
      {people.length > 1 && <li className="presence-count muted small">{t("presence.here", { count: people.length })}</li>}
    </ul>
  );
}
