/**
 * @module authorship-appendix
 * "Who wrote this": an optional appendix to an export (DOCX, Markdown, HTML, PDF) giving each
 * member's share of the text still in the document, from the relay's contribution figures
 * (GET …/contributions: characters each member typed that survive, attributed by the relay
 * from provenance, never from the client). Online only: the device has no trustworthy figures
 * of its own (attribution needs every member's history, which only the relay holds), so with
 * no connection the export says the appendix needs one instead of guessing
 * (`AuthorshipUnavailable`, reason "offline").
 */
import type { ApiError, ContributionRow, HistoryClient } from "@quire/client";
import type { RelayAccess } from "../history/relay-access.ts";
import type { TFunction } from "../i18n/translator.ts";
import "./transfer-strings.ts";

export interface AuthorshipRow {
  name: string;
  /** Characters of this member's typing still in the document. */
  surviving: number;
  /** `surviving` over everyone's, 0..1. */
  share: number;
}

/** The appendix with its words already in the interface language (the converters add no text). */
export interface AuthorshipAppendix {
  heading: string;
  note: string;
  columns: readonly [name: string, characters: string, share: string];
  rows: readonly { name: string; characters: string; share: string }[];
}

/** Why there is no appendix: no connection to the relay, or the relay refused / failed. */
export class AuthorshipUnavailable extends Error {
  constructor(
    readonly reason: "offline" | "failed",
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = "AuthorshipUnavailable";
  }
}

/**
 * Shares of the surviving text, largest first (ties by name). Members whose text is all gone
 * stay in the list at 0 %: a teacher should see that they took part.
 */
export function authorshipShares(rows: readonly ContributionRow[]): AuthorshipRow[] {
  const total = rows.reduce((sum, row) => sum + Math.max(0, row.surviving), 0);
  return rows
    .filter((row) => row.inserted > 0 || row.surviving > 0)
    .map((row) => ({ name: row.name, surviving: Math.max(0, row.surviving), share: total > 0 ? Math.max(0, row.surviving) / total : 0 }))
    .sort((a, b) => b.surviving - a.surviving || a.name.localeCompare(b.name));
}

/** The appendix's words and numbers for `rows`, as of relay time `at`. */
export function authorshipAppendix(rows: readonly ContributionRow[], t: TFunction, lang: string, at: number): AuthorshipAppendix {
  const count = new Intl.NumberFormat(lang || "en");
  const percent = new Intl.NumberFormat(lang || "en", { style: "percent", maximumFractionDigits: 1 });
  const when = new Intl.DateTimeFormat(lang || "en", { dateStyle: "medium", timeStyle: "short" }).format(at);
  const shares = authorshipShares(rows);
  return {
    heading: t("authorship.heading"),
    note: shares.length > 0 ? t("authorship.note", { time: when }) : t("authorship.nobody", { time: when }),
    columns: [t("authorship.member"), t("authorship.characters"), t("authorship.share")],
    rows: shares.map((row) => ({ name: row.name, characters: count.format(row.surviving), share: percent.format(row.share) })),
  };
}

/**
 * An ApiError that never reached the relay. Checked by shape, not `instanceof`: a value import
 * of @quire/client here split its messages out of the first-load bundle into a shared chunk.
 */
function isNetworkError(error: unknown): boolean {
  return error instanceof Error && error.name === "ApiError" && (error as ApiError).status === 0;
}

/** Asks the relay for the figures; throws AuthorshipUnavailable with a sentence for the student. */
export async function fetchAuthorship(client: HistoryClient, docName: string, t: TFunction, lang: string, now = Date.now): Promise<AuthorshipAppendix> {
  let rows: ContributionRow[];
  try {
    rows = await client.contributions(docName);
  } catch (error) {
    if (isNetworkError(error)) throw new AuthorshipUnavailable("offline", t("authorship.needsConnection"), error);
    throw new AuthorshipUnavailable("failed", t("authorship.failed"), error);
  }
  return authorshipAppendix(rows, t, lang, now());
}

/** What the appendix needs from the caller: a way to the relay and the words. */
export interface AuthorshipRequest {
  relay: RelayAccess;
  t: TFunction;
}

/**
 * The appendix for `docName`, with the history client from the history panel's chunk (loaded
 * on demand, not precached: it is of use online only, like the figures). A chunk that cannot
 * be fetched means no connection (or a relay that went away): the same "needs a connection"
 * as a failed request.
 */
export async function loadAuthorship(docName: string, request: AuthorshipRequest, lang: string): Promise<AuthorshipAppendix> {
  let client: HistoryClient;
  try {
    client = new (await request.relay.historyClient())({ token: request.relay.token });
  } catch (error) {
    const offline = (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
    throw new AuthorshipUnavailable(offline ? "offline" : "failed", request.t(offline ? "authorship.needsConnection" : "authorship.failed"), error);
  }
  return fetchAuthorship(client, docName, request.t, lang);
}
