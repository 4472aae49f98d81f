/**
 * @module PresenceList
 * Who has this document open right now (from awareness), as coloured initials: one entry per
 * member. The relay stamps each presence with its sender's member id (`member`, issue 13), so
 * a student on her laptop and her phone shows once (her carets stay one per device, with her
 * one name and colour); her own other device counts as "you".
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

function readPeople(handle: DocHandle, selfClientId: number, selfMemberId: string): Person[] {
  const byMember = new Map<string | number, Person>();
  for (const [clientId, state] of handle.awareness.getStates()) {
    // Peers are untrusted: only plain strings of sane length are shown, only #rrggbb colours
    // are used. The relay writes the name of the sender's token over the names it claims.
    const user = (state as { awarenessData?: { user?: { name?: unknown; color?: unknown } } }).awarenessData?.user;
    const top = state as { name?: unknown; color?: unknown; user?: { name?: unknown; color?: unknown } };
    const name = [user?.name, top.user?.name, top.name].find((v): v is string => typeof v === "string" && v.length > 0);
    const color = [user?.color, top.user?.color, top.color].map(presenceColor).find((v) => v !== null);
    if (!name) continue;
    // This device's own state is never relayed back, so it carries no stamp: it is hers.
    // Older relays stamp no member id: one entry per presence, as before.
    const stamped = (state as { member?: unknown }).member;
    const member = clientId === selfClientId ? selfMemberId : typeof stamped === "string" ? stamped : null;
    const self = member === selfMemberId;
    // One entry per member: this device's presence if it is one of hers, else the first seen.
    const key = member ?? clientId;
    if (byMember.has(key) && clientId !== selfClientId) continue;
    byMember.set(key, { clientId, name: name.slice(0, 40), color: color ?? "#868e96", self });
  }
  const people = [...byMember.values()];
  return people.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

export function PresenceList({ handle, selfClientId, selfMemberId }: { handle: DocHandle; selfClientId: number; selfMemberId: string }): JSX.Element {
  const { t } = useTranslation();
  const people = useStoreValue(
    handle.awareness,
    (listener) => {
      handle.awareness.on("change", listener);
      return () => handle.awareness.off("change", listener);
    },
    () => readPeople(handle, selfClientId, selfMemberId),
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
