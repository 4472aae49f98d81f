/**
 * @module AdmissionWatcher
 * Asks the relay, politely, whether a teacher has decided about a waiting device (issue 13):
 * soon after joining (the teacher is often right there), then less and less often up to
 * ADMISSION_POLL_MAX_MS, and at the longest interval while the relay cannot be reached, so
 * thirty waiting phones cost the relay one small GET each every half minute. Stops by itself
 * once she was let in or declined; the caller keeps the decision (the membership store).
 *
 * @example
 * const watcher = new AdmissionWatcher(m, { onAnswer: (a) => a.state !== "waiting" && open(a) });
 * watcher.start();
 */
import { type Admission, type AdmissionOptions, fetchAdmission } from "./admission.ts";
import { ApiError } from "./ApiError.ts";
import type { Membership } from "./membership.ts";

/** First poll delay: a teacher letting her in from the dashboard answers within seconds. */
export const ADMISSION_POLL_FIRST_MS = 2_000;
/** Longest delay between polls (and the delay while offline): a class waiting costs the relay little. */
export const ADMISSION_POLL_MAX_MS = 30_000;

export interface AdmissionWatcherOptions extends AdmissionOptions {
  /** Every answer (waiting answers carry the roster names and her pick). */
  onAnswer(answer: Admission): void;
  /** A failure that waiting cannot fix (her token is refused): shown, and polling stops. */
  onError?(error: ApiError): void;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

export class AdmissionWatcher {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private delay: number;
  private stopped = false;
  private inFlight = false;

  constructor(
    private readonly membership: Membership,
    private readonly options: AdmissionWatcherOptions,
  ) {
    this.delay = options.firstDelayMs ?? ADMISSION_POLL_FIRST_MS;
  }

  /** Asks now, then on the schedule. */
  start(): void {
    void this.poll();
  }

  /** Asks again now (after she picked her name, or came back online) and restarts the schedule. */
  pollNow(): void {
    this.delay = this.options.firstDelayMs ?? ADMISSION_POLL_FIRST_MS;
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async poll(): Promise<void> {
    if (this.stopped || this.inFlight) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight = true;
    const max = this.options.maxDelayMs ?? ADMISSION_POLL_MAX_MS;
    try {
      const answer = await fetchAdmission(this.membership, this.options);
      if (this.stopped) return;
      this.options.onAnswer(answer);
      if (answer.state !== "waiting") {
        this.stop();
        return;
      }
      this.delay = Math.min(max, Math.round(this.delay * 1.5));
    } catch (error) {
      if (this.stopped) return;
      const status = error instanceof ApiError ? error.status : 0;
      // 401/403/404: her token or request is gone; asking again cannot help.
      if (error instanceof ApiError && status >= 400 && status < 500 && status !== 429) {
        this.stop();
        this.options.onError?.(error);
        return;
      }
      this.delay = max;
    } finally {
      this.inFlight = false;
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.poll(), this.delay);
  }
}
