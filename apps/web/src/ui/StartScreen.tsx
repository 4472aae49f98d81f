/**
 * @module StartScreen
 * The only setup there is: start a workspace (name + your name) or join one with a code.
 * Workspaces this device already belongs to are listed first, so nobody has to join twice.
 */
import { type FormEvent, type JSX, useState } from "react";
import { ApiError, type Membership, startWorkspace } from "../data/index.ts";
import type { AppServices } from "./app-services.ts";
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
  return "Could not reach Quire. Check that you are online and try again.";
}

export function StartScreen({ services, unknownWorkspace, onOpen }: Props): JSX.Element {
  const known = services.memberships.workspaces();
  const reachability = useRelayReachability();
  const [mode, setMode] = useState<"create" | "join">("create");
  const [workspaceName, setWorkspaceName] = useState("");
  const [userName, setUserName] = useState(known[0]?.user.name ?? "");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const joined =
        mode === "create"
          ? await startWorkspace(services.api, workspaceName, userName, reachability)
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
            <p className="muted">Write together with your group — even when the Wi-Fi drops.</p>
          </div>
        </div>

        <RelayReachabilityNotice state={reachability} />

        {unknownWorkspace && (
          <p className="notice" role="status">
            This device has not joined that workspace yet. Ask its owner for a join code.
          </p>
        )}

        {known.length > 0 && (
          <section className="start-known" aria-label="Your workspaces">
            <h2>Your workspaces</h2>
            <ul>
              {known.map((m) => (
                <li key={m.workspace.id}>
                  <button type="button" className="known-ws" onClick={() => onOpen(m)}>
                    <span className="known-ws-name">{m.workspace.name}</span>
                    <span className="muted">
                      as {m.user.name} · {m.role === "viewer" ? "can view" : "can edit"}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}

        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={mode === "create"} className="tab" onClick={() => setMode("create")}>
            Start a new workspace
          </button>
          <button type="button" role="tab" aria-selected={mode === "join"} className="tab" onClick={() => setMode("join")}>
            Join with a code
          </button>
        </div>

        <form className="start-form" onSubmit={submit}>
          {mode === "create" ? (
            <label>
              Workspace name
              <input
                name="workspaceName"
                placeholder="e.g. Science project, group 4"
                value={workspaceName}
                maxLength={80}
                required
                onChange={(e) => setWorkspaceName(e.target.value)}
              />
            </label>
          ) : (
            <label>
              Join code
              <input
                name="code"
                placeholder="ABCD-EFGH"
                value={code}
                autoCapitalize="characters"
                autoComplete="off"
                spellCheck={false}
                required
                onChange={(e) => setCode(e.target.value)}
              />
            </label>
          )}
          <label>
            Your name
            <input
              name="userName"
              placeholder="What should your group see?"
              value={userName}
              maxLength={40}
              required
              onChange={(e) => setUserName(e.target.value)}
            />
          </label>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
            {busy ? "One moment…" : mode === "create" ? "Create workspace" : "Join workspace"}
          </button>
          <p className="muted small">
            {mode === "create"
              ? "You'll get a code to share with your group. No account or email needed."
              : "Ask the person who made the workspace for the code."}
          </p>
        </form>
      </div>
    </div>
  );
}
