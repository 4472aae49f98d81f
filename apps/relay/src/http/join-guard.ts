/**
 * @module join-guard
 * Limits on POST /api/join (security finding S6). A join code is 8 characters of a
 * 31-letter alphabet; what stops guessing is how many wrong codes may be tried:
 *
 * - per address: JOIN_FAILURES_PER_MINUTE_PER_IP failed joins;
 * - globally: JOIN_FAILURES_PER_MINUTE failed joins from all addresses together (ten
 *   addresses made 1,200 guesses in 1.7 s when only the per-address limit existed);
 * - per code: JOINS_PER_CODE_PER_MINUTE joins with one code, right or wrong.
 *
 * Only failures spend the address and global budgets, so a whole school joining with the
 * right code from one NAT address is never held up by them. Once a budget is spent, every
 * join it covers is refused before the code is looked up: answering a right code while
 * refusing wrong ones would tell a guesser which guess hit.
 */
import { FixedWindowCounter } from "./fixed-window.ts";

export interface JoinGuardLimits {
  joinFailuresPerMinutePerIp: number;
  joinFailuresPerMinute: number;
  joinsPerCodePerMinute: number;
}

export type JoinAdmission = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };

const GLOBAL = "*";

export class JoinGuard {
  private readonly failuresByIp: FixedWindowCounter;
  private readonly failures: FixedWindowCounter;
  private readonly byCode: FixedWindowCounter;

  constructor(private readonly limits: JoinGuardLimits) {
    this.failuresByIp = new FixedWindowCounter(limits.joinFailuresPerMinutePerIp);
    this.failures = new FixedWindowCounter(limits.joinFailuresPerMinute, 1);
    this.byCode = new FixedWindowCounter(limits.joinsPerCodePerMinute);
  }

  /** Decides whether a join from `ip` with (normalized) `code` may be looked up; counts it for the code. */
  admit(ip: string, code: string): JoinAdmission {
    if (this.failuresByIp.exhausted(ip)) {
      return this.refuse(this.failuresByIp.retryAfterSeconds(ip), `too many wrong join codes from your address: at most ${this.limits.joinFailuresPerMinutePerIp} a minute`);
    }
    if (this.failures.exhausted(GLOBAL)) {
      return this.refuse(this.failures.retryAfterSeconds(GLOBAL), "too many wrong join codes tried on this relay in the last minute: try again shortly");
    }
    if (this.byCode.exhausted(code)) {
      return this.refuse(this.byCode.retryAfterSeconds(code), `too many joins with this code: at most ${this.limits.joinsPerCodePerMinute} a minute`);
    }
    this.byCode.add(code);
    return { ok: true };
  }

  /** Records that `ip`'s join named no workspace. */
  failed(ip: string): void {
    this.failuresByIp.add(ip);
    this.failures.add(GLOBAL);
  }

  private refuse(retryAfterSeconds: number, message: string): JoinAdmission {
    return { ok: false, retryAfterSeconds, message };
  }
}
