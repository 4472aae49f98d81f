/**
 * @module Announcer
 * The app's one polite live region: what a sighted student sees change on its own — the save
 * state, the connection, a classmate joining or leaving — is also said by the screen reader
 * (WCAG 4.1.3 Status Messages), without moving focus.
 *
 * Invariants:
 * - One region for the whole app, rendered once by <Announcer/> in main.tsx; `announce()` writes
 *   to it directly, never through React state (a React commit while the editor has focus costs
 *   a walk of the whole page: bench F8 — the save state changes several times per keystroke).
 * - What is said, and when, follows AnnouncementScheduler: per topic the last message of a burst,
 *   once settled, never the same words twice in a row; `baseline()` records what a topic shows
 *   when it first appears (opening a document) without saying it.
 */
import { type JSX, useEffect, useRef } from "react";
import { AnnouncementScheduler } from "./announcement-scheduler.ts";

/** How long a spoken message stays in the region (then removed, so the region stays short). */
const KEEP_MS = 10_000;

let region: HTMLElement | null = null;

function speak(text: string): void {
  if (!region) return;
  // A new child is an addition the reader announces, even when the same words come back.
  const line = document.createElement("p");
  line.textContent = text;
  region.append(line);
  setTimeout(() => line.remove(), KEEP_MS);
}

const scheduler = new AnnouncementScheduler(speak);

/**
 * Says `text` for `topic` once it has stayed the topic's latest message for `settleMs`.
 * Topics are independent ("save", "connection", "presence <doc> <name>").
 */
export function announce(topic: string, text: string, settleMs = 1_000): void {
  scheduler.announce(topic, text, settleMs);
}

/** What `topic` shows now, recorded as already said (no announcement). */
export function baseline(topic: string, text: string): void {
  scheduler.baseline(topic, text);
}

/** The region itself: visually hidden, polite, read as additions. Render exactly once. */
export function Announcer(): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    region = ref.current;
    return () => {
      region = null;
    };
  }, []);
  return <div ref={ref} className="visually-hidden" role="status" aria-live="polite" aria-relevant="additions" data-testid="announcer" />;
}
