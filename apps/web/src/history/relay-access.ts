/**
 * @module relay-access
 * What the export's "Who wrote this" and the comments panel need to ask the relay: the
 * member's token (read when used: tokens are refreshed) and the history API client, loaded
 * through the history panel's chunk (online only, not precached). Handed down by the document
 * view, which loads the history panel anyway: the export and comment chunks importing the
 * loader themselves closed an import cycle (history panel → editor → those chunks).
 */
import type { HistoryClient } from "@quire/client";

export interface RelayAccess {
  token(): string;
  historyClient(): Promise<typeof HistoryClient>;
}
