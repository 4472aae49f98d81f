/**
 * @module GroupLockControls
 * Lock a whole group's documents for students, now or at a due time (local wall time, to the
 * minute), or unlock the group (issue 13). The relay stores the group's lock, so documents
 * put in the group later are locked too, and students' live sockets turn read-only at the
 * due time.
 */
import type { JSX } from "react";
import type { ClassClient, ClassGroup } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import { LockButtons } from "./LockButtons.tsx";

interface Props {
  group: ClassGroup;
  client: ClassClient;
  busy: boolean;
  /** use-class-data's act: runs a change, reloads the class, reports the outcome. */
  act(change: () => Promise<unknown>, done: string): Promise<boolean>;
}

export function GroupLockControls({ group, client, busy, act }: Props): JSX.Element {
  const { t, i18n } = useTranslation();
  const when = (at: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(at));
  const lock = group.lock ?? null;
  const name = group.name;
  const state = lock === null ? t("class.writable") : lock.lockFrom !== null && lock.lockFrom > Date.now() ? t("class.locksAt", { when: when(lock.lockFrom) }) : t("class.locked");
  const dueId = `class-group-due-${group.id}`;

  return (
    <div className="class-doc-controls" data-testid="group-lock" data-locked={lock === null ? "false" : "true"}>
      <span className={lock === null ? "class-lock" : "class-lock is-locked"} data-testid="group-lock-state">
        {state}
      </span>
      <LockButtons
        locked={lock !== null}
        busy={busy}
        dueId={dueId}
        labels={{ unlock: t("class.unlockGroup", { name }), lockNow: t("class.lockGroupNow", { name }), lockAt: t("class.lockGroupAt", { name }) }}
        onUnlock={() => void act(() => client.unlockGroup(group.id), t("class.groupUnlocked", { name }))}
        onLock={(at) =>
          void (at === null
            ? act(() => client.lockGroup(group.id, null), t("class.groupLockedNow", { name }))
            : act(() => client.lockGroup(group.id, at), t("class.groupLockScheduled", { name, when: when(at) })))
        }
      />
    </div>
  );
}
