/**
 * @module ApiError
 * The one error type the data layer hands to the UI: `message` is written for a student, never
 * a stack trace or a raw server string we did not validate.
 */
export class ApiError extends Error {
  /** HTTP status, or 0 when the relay could not be reached. */
  readonly status: number;
  /** Machine-readable code (the relay's `error.code`, or `offline` / `timeout` / `bad_response`). */
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }

  /** True when the request never reached the relay (no network, relay down, timeout). */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}
