/**
 * @module announcement-scheduler
 * When a status message is worth saying to a screen reader (the rules of the Announcer, kept
 * free of the DOM so they are unit-tested).
 *
 * Invariants:
 * - Per topic, only the last message of a burst is said, `settleMs` after the burst ends.
 * - A topic never says the same words twice in a row: a state that flickers away and back
 *   within the settle time says nothing.
 * - `baseline()` records what a topic shows when it first appears as already said, and drops
 *   anything pending for it.
 * - Topics are independent: a save state settling does not delay a classmate joining.
 */

export class AnnouncementScheduler {
  private readonly lastSaid = new Map<string, string>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly say: (text: string) => void) {}

  /** Says `text` for `topic` once it has stayed the topic's latest message for `settleMs`. */
  announce(topic: string, text: string, settleMs: number): void {
    this.cancel(topic);
    this.pending.set(
      topic,
      setTimeout(() => {
        this.pending.delete(topic);
        if (this.lastSaid.get(topic) === text) return;
        this.lastSaid.set(topic, text);
        this.say(text);
      }, settleMs),
    );
  }

  /** What `topic` shows now, recorded as already said (no announcement). */
  baseline(topic: string, text: string): void {
    this.cancel(topic);
    this.lastSaid.set(topic, text);
  }

  private cancel(topic: string): void {
    const timer = this.pending.get(topic);
    if (timer !== undefined) clearTimeout(timer);
    this.pending.delete(topic);
  }
}
