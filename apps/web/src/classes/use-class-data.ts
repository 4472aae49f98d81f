/**
 * @module use-class-data
 * The class as the relay has it now (roster, groups, documents) for the dashboard, and the
 * teacher's changes to it. The roster is read again every {@link MEMBERS_POLL_MS} while the
 * dashboard is open and the tab is visible, so "online now" and "last active" follow the class
 * without a reload. Every change is followed by a fresh read, and its outcome is one status
 * line (announced politely, or as an alert when the relay refused).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, type ClassClient, type ClassDocument, type ClassGroup, type ClassMember, type JoinRequests } from "@quire/client";
import type { TFunction } from "../i18n/translator.ts";

/**
 * How often the open dashboard reads the roster again. The relay counts a socket as online the
 * moment it opens; 5 s keeps "online now" current for a teacher watching students sign in,
 * and one small GET every 5 s per open dashboard is nothing for the relay.
 */
export const MEMBERS_POLL_MS = 5_000;

export interface ClassData {
  members: ClassMember[];
  groups: ClassGroup[];
  documents: ClassDocument[];
  /** The class-code mode and who waits to join (issue 13). */
  joins: JoinRequests;
}

export type ClassStatus = { kind: "done" | "error"; text: string } | null;

/** A relay refusal in the teacher's words; the relay's own message for anything unforeseen. */
export function classErrorText(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t("class.error.unknown");
  switch (error.code) {
    case "last_teacher":
      return t("class.error.lastTeacher");
    case "group_not_empty":
      return t("class.error.groupNotEmpty");
    case "too_many_groups":
      return t("class.error.tooManyGroups");
    case "unknown_group":
      return t("class.error.unknownGroup");
    case "forbidden":
    case "removed":
      return t("class.error.notTeacher");
    case "invalid_name":
      return t("class.error.name");
    case "decided":
      return t("class.error.joinDecided");
    default:
      return error.message;
  }
}

export function useClassData(client: ClassClient, t: TFunction) {
  const [data, setData] = useState<ClassData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<ClassStatus>(null);
  const [busy, setBusy] = useState(false);
  const alive = useRef(true);
  const tRef = useRef(t);
  tRef.current = t;

  const reload = useCallback(async () => {
    try {
      const [members, groups, documents, joins] = await Promise.all([client.members(), client.groups(), client.documents(), client.joinRequests()]);
      if (!alive.current) return;
      setData({ members, groups, documents, joins });
      setLoadError(null);
    } catch (error) {
      if (alive.current) setLoadError(classErrorText(error, tRef.current));
    }
  }, [client]);

  useEffect(() => {
    alive.current = true;
    void reload();
    const poll = setInterval(() => {
      if (document.visibilityState !== "visible") return;
      // Who waits to join is read with the roster: a student at the door sees the teacher's
      // answer within one poll of each side.
      Promise.all([client.members(), client.joinRequests()]).then(
        ([members, joins]) => alive.current && setData((d) => (d ? { ...d, members, joins } : d)),
        () => {}, // A missed poll is retried by the next one; a real failure shows at the next change.
      );
    }, MEMBERS_POLL_MS);
    return () => {
      alive.current = false;
      clearInterval(poll);
    };
  }, [client, reload]);

  /**
   * Runs a change, reads the class again, and then says how it went: the status line never
   * announces a change the page does not show yet.
   */
  const act = useCallback(
    async (change: () => Promise<unknown>, done: string): Promise<boolean> => {
      setBusy(true);
      setStatus(null);
      let outcome: ClassStatus;
      try {
        await change();
        outcome = { kind: "done", text: done };
      } catch (error) {
        outcome = { kind: "error", text: classErrorText(error, tRef.current) };
      }
      await reload();
      if (alive.current) {
        setStatus(outcome);
        setBusy(false);
      }
      return outcome.kind === "done";
    },
    [reload],
  );

  return { data, loadError, status, busy, act, reload };
}
