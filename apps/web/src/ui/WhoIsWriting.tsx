/**
 * @module WhoIsWriting
 * "Who is writing?" — a shared school laptop used in turn by several members of a workspace.
 * Lists the people who used this device in this workspace, hands the device to one of them,
 * adds another (they join with the code), and signs one out.
 *
 * Invariants: choosing a person reopens the workspace as them (App keys the workspace screen
 * by person), so every edit is made under a fresh Yjs client id with that person's token and
 * name; nobody's membership is replaced by another's; a sign-out with edits the relay has not
 * saved is refused and says so (see data/sign-out.ts).
 */
import { type FormEvent, type JSX, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { ApiError, type Membership, memberKey, signOut } from "@quire/client";
import { t as translate } from "../i18n/i18n.ts";
import type { AppServices } from "./app-services.ts";
import "./styles/who-is-writing.css";
import { usePopoverDismiss } from "./use-popover-dismiss.ts";
import { navigate } from "./use-route.ts";
import { useStoreValue } from "./use-store-value.ts";

interface Props {
  services: AppServices;
  /** The person writing now. */
  membership: Membership;
}

type Message = { role: "alert" | "status"; text: string };

export function WhoIsWriting({ services, membership }: Props): JSX.Element {
  const { t } = useTranslation();
  const store = services.memberships;
  const workspaceId = membership.workspace.id;
  const [open, setOpen] = useState(false);
  const [adding, setAdding] = useState(false);
  const pop = usePopoverDismiss(open, () => setOpen(false));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const members = useStoreValue(store, (l) => store.subscribe(l), () => store.members(workspaceId));
  const current = memberKey(membership);

  const choose = (m: Membership) => {
    setMessage(null);
    if (memberKey(m) !== current) store.setWriter(workspaceId, memberKey(m)); // The app reopens the workspace as them.
  };

  const leave = async (m: Membership) => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await signOut(store, m);
      if (!result.ok) {
        setMessage({ role: "alert", text: refusal(m.user.name, result.unsaved, result.registered) });
      } else if (result.next === undefined) {
        navigate({ kind: "start" });
      } else {
        setMessage({ role: "status", text: t("who.signedOut", { name: m.user.name }) });
      }
    } catch {
      setMessage({ role: "alert", text: t("who.checkFailed", { name: m.user.name }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="who share">
      <button
        ref={pop.buttonRef}
        type="button"
        className="btn btn-ghost who-button"
        aria-label={t("who.buttonLabel", { name: membership.user.name })}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="who-is-writing"
        data-writer={membership.user.name}
        onClick={() => setOpen(!open)}
      >
        <span className="muted small">{t("who.writing")}</span> {membership.user.name} ▾
      </button>
      {open && (
        <div ref={pop.popoverRef} className="share-pop who-pop" role="dialog" aria-label={t("who.title")}>
          <h3>{t("who.title")}</h3>
          <p className="muted small">{t("who.hint")}</p>
          <ul className="who-list" aria-label={t("who.people")}>
            {members.map((m) => {
              const key = memberKey(m);
              return (
                <li key={key} data-name={m.user.name} className="who-row">
                  <button
                    type="button"
                    className={`btn btn-small ${key === current ? "btn-primary" : "btn-ghost"}`}
                    aria-pressed={key === current}
                    aria-label={t("who.isWriting", { name: m.user.name })}
                    onClick={() => choose(m)}
                  >
                    {m.user.name}
                    {key === current ? t("who.writingNow") : ""}
                  </button>
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    aria-label={t("who.signOutNamed", { name: m.user.name })}
                    disabled={busy}
                    onClick={() => void leave(m)}
                  >
                    {t("who.signOut")}
                  </button>
                </li>
              );
            })}
          </ul>
          {adding ? (
            <AddWriterForm services={services} members={members} onCancel={() => setAdding(false)} />
          ) : (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setAdding(true)}>
              {t("who.someoneElse")}
            </button>
          )}
          {message && (
            <p className={message.role === "alert" ? "form-error" : "muted small"} role={message.role}>
              {message.text}
            </p>
          )}
          <button type="button" className="btn btn-ghost btn-small share-close" onClick={() => setOpen(false)}>
            {t("common.done")}
          </button>
        </div>
      )}
    </div>
  );
}

function refusal(name: string, unsaved: number, registered: boolean): string {
  if (!registered) {
    return translate("who.notRegistered", { name });
  }
  return translate("who.unsaved", { name, count: unsaved });
}

/** A new person joins this workspace on this device with the join code (prefilled when an owner here has it). */
function AddWriterForm({ services, members, onCancel }: { services: AppServices; members: Membership[]; onCancel(): void }): JSX.Element {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [code, setCode] = useState(() => members.find((m) => m.joinCodes)?.joinCodes?.editor ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const joined = await services.api.join(code.trim(), name.trim());
      services.memberships.add(joined); // Now the one writing: the app reopens the workspace as them.
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("who.joinFailed"));
      setBusy(false);
    }
  };
  return (
    <form className="who-add" onSubmit={submit}>
      <label>
        {t("start.yourName")}
        <input name="writerName" value={name} maxLength={40} required onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t("start.joinCode")}
        <input
          name="writerCode"
          placeholder={t("start.joinCodePlaceholder")}
          value={code}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          required
          onChange={(e) => setCode(e.target.value)}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="who-add-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {busy ? t("common.oneMoment") : t("who.startWriting")}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
