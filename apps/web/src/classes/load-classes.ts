/**
 * @module load-classes
 * The teacher's class dashboard and the sign-in cards are chunks of their own, fetched the
 * first time a teacher opens them: the first visit is at ~240 of its 250 KB budget, and a
 * student never needs them. Invariants as load-history.ts: requested once and shared; a failed
 * request is forgotten so the next open tries again. Both are left out of the service worker's
 * precache (vite.config.ts): they read and change the class on the relay, so they are no use
 * offline.
 */
import type * as CardsModule from "./SignInCards.tsx";
import type * as DashboardModule from "./ClassDashboard.tsx";
import type * as WaitingModule from "./WaitingToJoin.tsx";

let dashboard: Promise<typeof DashboardModule> | null = null;
let cards: Promise<typeof CardsModule> | null = null;
let waiting: Promise<typeof WaitingModule> | null = null;

export function loadClassDashboard(): Promise<typeof DashboardModule> {
  dashboard ??= import("./ClassDashboard.tsx").catch((error: unknown) => {
    dashboard = null;
    throw error;
  });
  return dashboard;
}

export function loadSignInCards(): Promise<typeof CardsModule> {
  cards ??= import("./SignInCards.tsx").catch((error: unknown) => {
    cards = null;
    throw error;
  });
  return cards;
}

/** The screen of a device waiting for a teacher to let it in (issue 13): it asks the relay too. */
export function loadWaitingToJoin(): Promise<typeof WaitingModule> {
  waiting ??= import("./WaitingToJoin.tsx").catch((error: unknown) => {
    waiting = null;
    throw error;
  });
  return waiting;
}
