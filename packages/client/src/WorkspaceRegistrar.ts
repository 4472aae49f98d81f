/**
 * @module WorkspaceRegistrar
 * Registers a workspace created on this device with no network (local-first start) as soon
 * as the relay is reachable: now, whenever the browser reports it is online, and on a
 * backoff timer meanwhile (a relay that comes back on a LAN fires no browser event).
 *
 * Invariants: one request at a time; a lost response is simply retried (the relay answers a
 * retry with the same registration key with the same workspace, so there is never a second
 * workspace); a refusal that retrying cannot fix (409: the id is taken) stops the retries and
 * is reported; after `stop()` nothing is called back.
 */
import type { ApiClient } from "./ApiClient.ts";
import { ApiError } from "./ApiError.ts";
import type { Membership } from "./membership.ts";
import { WEB_LIMITS } from "./web-limits.ts";

export interface WorkspaceRegistrarOptions {
  api: Pick<ApiClient, "registerWorkspace">;
  /** The relay accepted the workspace: `registered` has the token and join codes. */
  onRegistered(registered: Membership): void;
  /** The relay refused for good (id taken, bad request); the message is for the student. */
  onRefused(message: string): void;
}

export class WorkspaceRegistrar {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private stopped = false;
  private delayMs: number = WEB_LIMITS.registrationRetryBaseMs;
  private readonly onOnline = () => this.attempt();

  constructor(
    private readonly membership: Membership,
    private readonly options: WorkspaceRegistrarOptions,
  ) {
    globalThis.addEventListener?.("online", this.onOnline);
    this.attempt();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    globalThis.removeEventListener?.("online", this.onOnline);
  }

  private attempt(): void {
    if (this.stopped || this.inFlight) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight = true;
    this.options.api.registerWorkspace(this.membership).then(
      (registered) => {
        this.inFlight = false;
        if (this.stopped) return;
        this.stop();
        this.options.onRegistered(registered);
      },
      (error: unknown) => {
        this.inFlight = false;
        if (this.stopped) return;
        // Network trouble, an overloaded or rate-limiting relay: try again later.
        const transient = !(error instanceof ApiError) || error.isNetwork || error.status === 429 || error.status >= 500;
        if (!transient) {
          this.stop();
          this.options.onRefused(error instanceof ApiError ? error.message : String(error));
          return;
        }
        this.timer = setTimeout(() => this.attempt(), this.delayMs);
        this.delayMs = Math.min(this.delayMs * 2, WEB_LIMITS.registrationRetryMaxMs);
      },
    );
  }
}
