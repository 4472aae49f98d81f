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
 * - Per topic, only the last message of a burst is spoken, `settleMs` after the burst ends, and
 *   only if it differs from what that topic last said: typing never makes the reader chatter
 *   "Saving… Saved…" on every key.
 * - `baseline()` records what a topic shows when it first appears (opening a document) without
 *   speaking it: the student did not see a change, so nothing is announced.
 */
import { type JSX, useEffect, useRef } from "react";

/** How long a spoken message stays in the region (then removed, so the region stays short). */
const KEEP_MS = 10_000;

let region: HTMLElement | null = null;
const lastSaid = new Map<string, string>();
const pending = new Map<string, ReturnType<typeof setTimeout>>();

function speak(text: string): void {
  if (!region) return;
  // A new child is an addition the reader announces, even when the same words come back.
  const line = document.createElement("p");
  line.textContent = text;
  region.append(line);
  setTimeout(() => line.remove(), KEEP_MS);
}

/**
 * Says `text` for `topic` once it has stayed the topic's latest message for `settleMs`.
 * Topics are independent ("save", "connection", "presence:<doc>").
 */
export function announce(topic: string, text: string, settleMs = 1_000): void {
  const timer = pending.get(topic);
  if (timer !== undefined) clearTimeout(timer);
  pending.set(
    topic,
    setTimeout(() => {
      pending.delete(topic);
      if (lastSaid.get(topic) === text) return;
      lastSaid.set(topic, text);
      speak(text);
    }, settleMs),
  );
}

/** What `topic` shows now, recorded as already said (no announcement). */
export function baseline(topic: string, text: string): void {
  const timer = pending.get(topic);
  if (timer !== undefined) clearTimeout(timer);
  pending.delete(topic);
  lastSaid.set(topic, text);
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
