/**
 * @module MembershipRefresher
 * Keeps a workspace session's membership current: refreshes the token when it is due (or the
 * relay said 4401), and registers a workspace created offline (WorkspaceRegistrar). A
 * refreshed or registered membership is handed to the session and saved (localStorage by
 * default). A refresh refused because she was removed from the class says so (`onRemoved`).
 */
import { ApiClient } from "./ApiClient.ts";
import { ApiError } from "./ApiError.ts";
import type { Membership } from "./membership.ts";
import { MembershipStore } from "./MembershipStore.ts";
import { WorkspaceRegistrar } from "./WorkspaceRegistrar.ts";

/** Refresh the token when it expires within this window (tokens are refreshable after expiry too). */
const REFRESH_BEFORE_EXPIRY_MS = 24 * 60 * 60 * 1000;

export interface MembershipRefresherOptions {
  apiUrl: string;
  /** The membership now. */
  current(): Membership;
  /** A new membership (token refreshed, workspace registered): the session uses it. */
  apply(m: Membership): void;
  /** Where it is kept (default: localStorage via MembershipStore). */
  save?: (m: Membership) => void;
  /** The relay refused the refresh: she was removed from the class. */
  onRemoved(): void;
  /** The relay refused to register the workspace (offline-created), with why. */
  onRegistrationRefused(message: string): void;
}

export class MembershipRefresher {
  private refreshing: Promise<void> | null = null;
  private registrar: WorkspaceRegistrar | null = null;
  private stopped = false;

  constructor(private readonly options: MembershipRefresherOptions) {}

  /**
   * A workspace created offline has no token: nothing connects until the relay registered
   * it, then every replica connects with the new token (see WorkspaceRegistrar).
   */
  register(membership: Membership): void {
    this.registrar = new WorkspaceRegistrar(membership, {
      api: new ApiClient(this.options.apiUrl),
      onRegistered: (registered) => this.accept(registered),
      onRefused: (message) => {
        if (!this.stopped) this.options.onRegistrationRefused(message);
      },
    });
  }

  async refreshIfDue(): Promise<void> {
    const m = this.options.current();
    if (m.token === "") return; // Registration gives the first token.
    if (m.expiresAt - Date.now() < REFRESH_BEFORE_EXPIRY_MS) await this.refresh();
  }

  refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    this.refreshing = new ApiClient(this.options.apiUrl)
      .refresh(this.options.current())
      .then((m) => this.accept(m))
      .catch((error: unknown) => {
        // Removed from the class: tell her and stop syncing (her copies stay).
        if (error instanceof ApiError && error.code === "removed") this.options.onRemoved();
        // Otherwise offline or refused: the save state already says so; we try again on the next reconnect.
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  stop(): void {
    this.stopped = true;
    this.registrar?.stop();
  }

  private accept(m: Membership): void {
    if (this.stopped) return;
    this.options.apply(m);
    if (this.options.save) this.options.save(m);
    else new MembershipStore().save(m);
  }
}
