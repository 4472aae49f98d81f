/**
 * @module SignInCards
 * The page a teacher prints (issue 13): one card per member who signs in with a personal code
 * (teachers left out), with her name, the class, the code and a QR code of her sign-in link
 * (sign-in-link.ts), cut along the dashed lines and handed out. A page of its own
 * (`/w/<id>/class/cards`), outside the workspace screen, with a print stylesheet
 * (classes-print.css) that leaves only the cards, eight to an A4 sheet.
 */
import { type JSX, useEffect, useMemo, useRef, useState } from "react";
import { ClassClient, type ClassMember, type Membership } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import "./class-strings.ts";
import { navigate } from "../ui/use-route.ts";
import { qrDataUrl } from "./qr-image.ts";
import { signInUrl } from "./sign-in-link.ts";
import { classErrorText } from "./use-class-data.ts";
import "./classes.css";
import "./classes-print.css";

export function SignInCards({ membership }: { membership: Membership }): JSX.Element {
  const { t } = useTranslation();
  const workspaceId = membership.workspace.id;
  const tokenRef = useRef(membership.token);
  tokenRef.current = membership.token;
  const client = useMemo(() => new ClassClient({ workspaceId, token: () => tokenRef.current }), [workspaceId]);
  const [members, setMembers] = useState<ClassMember[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    client.members().then(
      (all) => current && setMembers(all.filter((m) => m.role !== "teacher" && m.signInCode !== null)),
      (err: unknown) => current && setError(classErrorText(err, t)),
    );
    return () => {
      current = false;
    };
  }, [client, t]);
  useEffect(() => titleRef.current?.focus(), []);

  const className = membership.workspace.name;
  return (
    <main className="class-cards-page" aria-labelledby="cards-title">
      <header className="class-cards-head">
        <h1 id="cards-title" ref={titleRef} tabIndex={-1} dir="auto">
          {t("class.cardsTitle", { name: className })}
        </h1>
        <p className="muted small">{t("class.cardsIntro")}</p>
        <div className="class-cards-actions">
          <button type="button" className="btn btn-primary" disabled={!members || members.length === 0} onClick={() => window.print()}>
            {t("class.print")}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => navigate({ kind: "class", workspaceId, page: "dashboard" })}>
            {t("class.backToClass")}
          </button>
        </div>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {members === null && !error && <p className="muted">{t("common.oneMoment")}</p>}
      {members?.length === 0 && <p className="muted">{t("class.noCards")}</p>}
      {members && members.length > 0 && (
        <ul className="class-cards" data-testid="sign-in-cards">
          {members.map((m) => (
            <SignInCard key={m.id} member={m} className={className} />
          ))}
        </ul>
      )}
    </main>
  );
}

function SignInCard({ member, className }: { member: ClassMember; className: string }): JSX.Element {
  const { t } = useTranslation();
  const code = member.signInCode ?? "";
  const url = signInUrl(window.location.origin, code);
  const qr = useMemo(() => qrDataUrl(url), [url]);
  return (
    <li className="class-card" data-member-id={member.id}>
      <div className="class-card-text">
        <strong className="class-card-name" dir="auto">
          {member.name}
        </strong>
        <span className="small" dir="auto">
          {className}
        </span>
        <span className="small muted">{t("class.cardCodeLabel")}</span>
        <code className="class-card-code" data-testid="card-code">
          {code}
        </code>
        <span className="class-card-how small">{t("class.cardHow", { host: window.location.host })}</span>
      </div>
      <img className="class-card-qr" src={qr} alt={t("class.qrAlt", { name: member.name })} data-testid="card-qr" width={140} height={140} />
    </li>
  );
}
