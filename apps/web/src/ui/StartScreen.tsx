/**
 * @module StartScreen
 * The only setup there is: start a workspace (name + your name) or join one with a code.
 * Workspaces this device already belongs to are listed first, so nobody has to join twice.
 * The join field also takes a student's personal sign-in code from her class card (10
 * characters where a join code has 8, issue 13): that signs her in as herself, no name asked.
 */
import { type FormEvent, type JSX, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { ApiError, type Membership, normalizeSignInCode, startWorkspace } from "@quire/client";
import { t as translate } from "../i18n/i18n.ts";
import type { AppServices } from "./app-services.ts";
import { LanguagePicker } from "./LanguagePicker.tsx";
import { Logo } from "./Logo.tsx";
import { RelayReachabilityNotice } from "./RelayReachabilityNotice.tsx";
import { useRelayReachability } from "./use-relay-reachability.ts";

interface Props {
  services: AppServices;
  unknownWorkspace: boolean;
  onOpen(m: Membership): void;
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return translate("start.unreachable");
}

export function StartScreen({ services, unknownWorkspace, onOpen }: Props): JSX.Element {
  const { t } = useTranslation();
  const known = services.memberships.workspaces();
  const reachability = useRelayReachability();
  const [mode, setMode] = useState<"create" | "join">("create");
  const [workspaceName, setWorkspaceName] = useState("");
  const [userName, setUserName] = useState(known[0]?.user.name ?? "");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const personalCode = mode === "join" && normalizeSignInCode(code) !== null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const joined =
        mode === "create"
          ? await startWorkspace(services.api, workspaceName, userName, reachability)
          : personalCode
            ? await services.api.signIn(code)
            : await services.api.join(code.trim(), userName.trim());
      // Never replaces another person's membership of the same workspace (shared computers).
      const m = services.memberships.add(joined);
      services.memberships.setLastOpened(m.workspace.id);
      onOpen(m);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="start">
      <div className="start-card">
        <div className="start-brand">
          <Logo size={44} />
          <div>
            <h1>Quire</h1>
            <p className="muted">{t("start.tagline")}</p>
          </div>
        </div>
        <LanguagePicker className="start-language" />

        <RelayReachabilityNotice state={reachability} />

        {unknownWorkspace && (
          <p className="notice" role="status">
            {t("start.unknownWorkspace")}
          </p>
        )}

        {known.length > 0 && (
          <section className="start-known" aria-label={t("start.yourWorkspaces")}>
            <h2>{t("start.yourWorkspaces")}</h2>
            <ul>
              {known.map((m) => (
                <li key={m.workspace.id}>
                  <button type="button" className="known-ws" onClick={() => onOpen(m)}>
                    <span className="known-ws-name" dir="auto">{m.workspace.name}</span>
                    <span className="muted">
                      {t("start.memberAs", { name: m.user.name, role: m.role === "viewer" ? t("role.viewer") : t("role.editor") })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}

        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={mode === "create"} className="tab" onClick={() => setMode("create")}>
            {t("start.tabCreate")}
          </button>
          <button type="button" role="tab" aria-selected={mode === "join"} className="tab" onClick={() => setMode("join")}>
            {t("start.tabJoin")}
          </button>
        </div>

        <form className="start-form" onSubmit={submit}>
          {/* Keyed: the renderer must not reuse the workspace-name field as the code field.
              preact/compat (the shipped renderer, vite.config.ts) clears a dropped maxLength
              by setting it to 0, and a field with maxLength 0 takes no typing. */}
          {mode === "create" ? (
            <label key="workspace-name">
              {t("start.workspaceName")}
              <input
                name="workspaceName"
                dir="auto"
                placeholder={t("start.workspaceNamePlaceholder")}
                value={workspaceName}
                maxLength={80}
                required
                onChange={(e) => setWorkspaceName(e.target.value)}
              />
            </label>
          ) : (
            <label key="join-code">
              {t("start.joinCode")}
              <input
                name="code"
                placeholder={t("start.joinCodePlaceholder")}
                value={code}
                autoCapitalize="characters"
                autoComplete="off"
                spellCheck={false}
                required
                onChange={(e) => setCode(e.target.value)}
              />
            </label>
          )}
          {personalCode ? (
            <p className="notice" role="status">
              {t("start.signInHint")}
            </p>
          ) : (
            <label>
              {t("start.yourName")}
              <input
                name="userName"
                dir="auto"
                placeholder={t("start.yourNamePlaceholder")}
                value={userName}
                maxLength={40}
                required
                onChange={(e) => setUserName(e.target.value)}
              />
            </label>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
            {busy ? t("common.oneMoment") : mode === "create" ? t("start.create") : t("start.join")}
          </button>
          <p className="muted small">
            {mode === "create"
              ? t("start.createHint")
              : t("start.joinHint")}
          </p>
        </form>
      </div>
    </div>
  );
}
