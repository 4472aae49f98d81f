/**
 * @module HubSaveLevel
 * A {@link DocReplica}'s hub attachment: once the relay said it is a classroom hub (relay info
 * on the socket, issue 14), loads the third save level ({@link UpstreamSaveLevel}, its own
 * chunk, so the first visit does not carry it) and forwards local edits and state changes to it.
 *
 * Invariants:
 * - Without `apiUrl` (background sync) nothing is loaded: no third level.
 * - Edits made before the chunk loaded are covered: the level starts unconfirmed until the hub
 *   says the school server holds the whole document.
 * - A chunk that failed to load (the hub went away) is tried again at the next relay info.
 */
import type { UpstreamSaveLevel, UpstreamSaveLevelDeps } from "./UpstreamSaveLevel.ts";

export interface HubSaveLevelDeps extends Omit<UpstreamSaveLevelDeps, "apiUrl"> {
  /** HTTP origin of the hub's API; unset: no third level. */
  apiUrl: string | undefined;
  /** The replica was closed meanwhile: a late chunk makes nothing. */
  isReleased(): boolean;
}

export class HubSaveLevel {
  private upstream: UpstreamSaveLevel | null = null;
  /** The third save level is loaded or loading. */
  private attaching = false;

  constructor(private readonly deps: HubSaveLevelDeps) {}

  /** The relay said it is a hub: load the third level (once). */
  attach(): void {
    const { apiUrl, ...deps } = this.deps;
    if (apiUrl === undefined || this.attaching) return;
    this.attaching = true;
    import("./UpstreamSaveLevel.ts").then(
      ({ UpstreamSaveLevel }) => {
        if (deps.isReleased()) return;
        this.upstream = new UpstreamSaveLevel({ apiUrl, docName: deps.docName, token: deps.token, hubHasAll: deps.hubHasAll, onChange: deps.onChange });
        deps.onChange();
      },
      () => {
        this.attaching = false;
      },
    );
  }

  /** Whether the school server holds every local change; null off a hub (or not loaded yet). */
  level(): "saved" | "pending" | null {
    return this.upstream?.level() ?? null;
  }

  recordLocal(client: number, before: number, after: number): void {
    this.upstream?.recordLocal(client, before, after);
  }

  /** The replica's state changed. */
  update(): void {
    this.upstream?.update();
  }

  close(): void {
    this.upstream?.close();
  }
}
