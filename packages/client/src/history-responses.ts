/**
 * @module history-responses
 * The relay's history answers (issue 12 item 7, docs/protocol.md) checked before the UI shows
 * them: the versions list, the contribution figures and the history bundle (provenance records,
 * client-id bindings, checkpoints) the browser draws attribution, diffs and replay from. They
 * cross a trust boundary, so every field is checked for type and range, strings and lists are
 * bounded, and a malformed answer throws a TypeError (the caller shows "the server sent an
 * answer this app doesn't understand"). Fields the contract does not name are ignored.
 */
import type { Checkpoint, ProvenanceRecord } from "@quire/core";
import { type ClientBindings, type Contribution, DEFAULT_RECORD_LIMITS, parseProvenanceRecords } from "@quire/history";
import { responseChecks } from "./response-checks.ts";

export type VersionKind = "auto" | "named" | "handin" | "restore";

export interface Participant {
  userId: string;
  name: string;
}

export interface VersionInfo {
  /** Opaque, stable id chosen by the relay. */
  id: string;
  /** Relay time in ms since the epoch. */
  at: number;
  kind: VersionKind;
  name?: string;
  /** Who took part since the previous version. */
  by: Participant[];
  /** The provenance record seq the version stands for, when the relay says so. */
  seq?: number;
}

/** One member's figures as the relay sends them: the same shape @quire/history computes. */
export type ContributionRow = Contribution;

/** What the browser needs to compute attribution, diffs and replay itself. */
export interface HistoryBundle {
  records: ProvenanceRecord[];
  bindings: ClientBindings;
  /** Checkpoints by seq and time (their snapshot bytes are not needed in the browser). */
  checkpoints: Pick<Checkpoint, "seq" | "at">[];
}

/**
 * Bounds on an answer (far above a real class: a doc's version list is a few hundred, a
 * workspace a few dozen members), so a hostile or broken relay cannot make the tab build
 * millions of rows. Record limits are the history library's own.
 */
export const HISTORY_RESPONSE_LIMITS = {
  maxVersions: 100_000,
  maxMembers: 10_000,
  maxBindings: 100_000,
  maxPastes: 100_000,
  maxString: 1_024,
} as const;

const KINDS: readonly VersionKind[] = ["auto", "named", "handin", "restore"];

const { bad, object, list } = responseChecks("history response");

function count(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw bad(`${what} is not a non-negative integer`);
  return v;
}

function text(v: unknown, what: string, min = 0): string {
  if (typeof v !== "string" || v.length < min || v.length > HISTORY_RESPONSE_LIMITS.maxString) throw bad(`${what} is not a string of ${min}–${HISTORY_RESPONSE_LIMITS.maxString}`);
  return v;
}

function timeOrNull(v: unknown, what: string): number | null {
  return v === null || v === undefined ? null : count(v, what);
}

function participant(v: unknown, what: string): Participant {
  const o = object(v, what);
  return { userId: text(o.userId, `${what}.userId`, 1), name: text(o.name, `${what}.name`) };
}

/** `GET /api/docs/{doc}/versions` → versions oldest first (re-sorted by time if not). */
export function parseVersionList(raw: unknown): VersionInfo[] {
  const versions = list(object(raw, "answer").versions, HISTORY_RESPONSE_LIMITS.maxVersions, "versions");
  const seen = new Set<string>();
  const out = versions.map((v, i) => {
    const o = object(v, `versions[${i}]`);
    const id = text(o.id, `versions[${i}].id`, 1);
    if (seen.has(id)) throw bad(`version id ${id} appears twice`);
    seen.add(id);
    if (!KINDS.includes(o.kind as VersionKind)) throw bad(`versions[${i}].kind is not one of ${KINDS.join(", ")}`);
    const version: VersionInfo = {
      id,
      at: count(o.at, `versions[${i}].at`),
      kind: o.kind as VersionKind,
      by: list(o.by ?? [], HISTORY_RESPONSE_LIMITS.maxMembers, `versions[${i}].by`).map((p, j) => participant(p, `versions[${i}].by[${j}]`)),
    };
    if (o.name !== undefined && o.name !== null) version.name = text(o.name, `versions[${i}].name`);
    if (o.seq !== undefined && o.seq !== null) version.seq = count(o.seq, `versions[${i}].seq`);
    return version;
  });
  return out.sort((a, b) => a.at - b.at);
}

/** `POST /api/docs/{doc}/versions` → the new version's id. */
export function parseCreatedVersion(raw: unknown): string {
  return text(object(raw, "answer").id, "id", 1);
}

/** `GET /api/docs/{doc}/contributions` → one row per member. */
export function parseContributions(raw: unknown): ContributionRow[] {
  const users = list(object(raw, "answer").users, HISTORY_RESPONSE_LIMITS.maxMembers, "users");
  return users.map((u, i) => {
    const w = `users[${i}]`;
    const o = object(u, w);
    const pastes = list(o.pastes ?? [], HISTORY_RESPONSE_LIMITS.maxPastes, `${w}.pastes`).map((p, j) => {
      const q = object(p, `${w}.pastes[${j}]`);
      return { seq: count(q.seq, `${w}.pastes[${j}].seq`), at: count(q.at, `${w}.pastes[${j}].at`), chars: count(q.chars, `${w}.pastes[${j}].chars`) };
    });
    return {
      ...participant(o, w),
      inserted: count(o.inserted, `${w}.inserted`),
      surviving: count(o.surviving, `${w}.surviving`),
      deletedByThem: count(o.deletedByThem, `${w}.deletedByThem`),
      removedByOthers: count(o.removedByOthers, `${w}.removedByOthers`),
      sessions: count(o.sessions, `${w}.sessions`),
      firstEditAt: timeOrNull(o.firstEditAt, `${w}.firstEditAt`),
      lastEditAt: timeOrNull(o.lastEditAt, `${w}.lastEditAt`),
      // Optional in the contract's JSON (the CSV always has them): absent reads as none.
      offlineRecords: o.offlineRecords === undefined ? 0 : count(o.offlineRecords, `${w}.offlineRecords`),
      offlineInserted: o.offlineInserted === undefined ? 0 : count(o.offlineInserted, `${w}.offlineInserted`),
      pastes,
    };
  });
}

/** The `next` of a `/history` page: the seq to read after, or null on the last page. */
export function parseNextPage(raw: unknown): number | null {
  const next = object(raw, "answer").next;
  return next === undefined || next === null ? null : count(next, "next");
}

/**
 * `GET /api/docs/{doc}/history` → records (checked by the history library's own parser),
 * bindings (a list of `{client, userId, name}`, or an object keyed by client id) and
 * checkpoints (`{seq, at}`; any snapshot field is ignored).
 */
export function parseHistoryBundle(raw: unknown): HistoryBundle {
  const o = object(raw, "answer");
  let records: ProvenanceRecord[];
  try {
    records = parseProvenanceRecords(o.records, DEFAULT_RECORD_LIMITS);
  } catch (error) {
    throw bad(error instanceof Error ? error.message : "records are malformed");
  }
  const bindings = new Map<number, Participant>();
  const addBinding = (client: unknown, who: unknown, what: string) => {
    const id = typeof client === "string" && /^\d{1,10}$/.test(client) ? Number(client) : client;
    if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0 || id > 0xffffffff) throw bad(`${what} has no valid client id`);
    bindings.set(id, participant(who, what));
  };
  if (Array.isArray(o.bindings)) {
    list(o.bindings, HISTORY_RESPONSE_LIMITS.maxBindings, "bindings").forEach((b, i) => {
      const entry = object(b, `bindings[${i}]`);
      addBinding(entry.client ?? entry.clientId, entry, `bindings[${i}]`);
    });
  } else if (o.bindings !== undefined) {
    const entries = Object.entries(object(o.bindings, "bindings"));
    if (entries.length > HISTORY_RESPONSE_LIMITS.maxBindings) throw bad("bindings has too many entries");
    for (const [client, who] of entries) addBinding(client, who, `bindings[${client}]`);
  }
  const checkpoints = list(o.checkpoints ?? [], HISTORY_RESPONSE_LIMITS.maxVersions, "checkpoints").map((c, i) => {
    const entry = object(c, `checkpoints[${i}]`);
    return { seq: count(entry.seq, `checkpoints[${i}].seq`), at: count(entry.at, `checkpoints[${i}].at`) };
  });
  return { records, bindings, checkpoints };
}
