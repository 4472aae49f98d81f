/**
 * @module LazyClass
 * The class dashboard and the sign-in cards loaded from their own chunks (load-classes.ts); if
 * a chunk cannot be fetched (offline: they are not precached, and need the relay anyway) the
 * screen says so with a retry instead of staying blank. Each takes exactly its component's props.
 */
import { type ComponentProps, type JSX, lazy, Suspense, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { ChunkLoadBoundary } from "../ui/ChunkLoadBoundary.tsx";
import type { SignInCards } from "./SignInCards.tsx";
import type { ClassDashboard } from "./ClassDashboard.tsx";
import type { WaitingToJoin } from "./WaitingToJoin.tsx";
import { loadClassDashboard, loadSignInCards, loadWaitingToJoin } from "./load-classes.ts";

const makeDashboard = () => lazy(() => loadClassDashboard().then((m) => ({ default: m.ClassDashboard })));
const makeCards = () => lazy(() => loadSignInCards().then((m) => ({ default: m.SignInCards })));
const makeWaiting = () => lazy(() => loadWaitingToJoin().then((m) => ({ default: m.WaitingToJoin })));
let Dashboard = makeDashboard();
let Waiting = makeWaiting();
let Cards = makeCards();

function Retrying({ retry, children }: { retry(): void; children: JSX.Element }): JSX.Element {
  const [attempt, setAttempt] = useState(0);
  const { t } = useTranslation();
  return (
    <ChunkLoadBoundary
      key={attempt}
      message={t("class.loadFailed")}
      onRetry={() => {
        retry();
        setAttempt((n) => n + 1);
      }}
    >
      <Suspense fallback={<div className="doc-loading">{t("common.oneMoment")}</div>}>{children}</Suspense>
    </ChunkLoadBoundary>
  );
}

export function LazyClassDashboard(props: ComponentProps<typeof ClassDashboard>): JSX.Element {
  return (
    <Retrying retry={() => (Dashboard = makeDashboard())}>
      <Dashboard {...props} />
    </Retrying>
  );
}

export function LazySignInCards(props: ComponentProps<typeof SignInCards>): JSX.Element {
  return (
    <Retrying retry={() => (Cards = makeCards())}>
      <Cards {...props} />
    </Retrying>
  );
}

export function LazyWaitingToJoin(props: ComponentProps<typeof WaitingToJoin>): JSX.Element {
  return (
    <Retrying retry={() => (Waiting = makeWaiting())}>
      <Waiting {...props} />
    </Retrying>
  );
}
