/**
 * @module known-violations
 * Violations that existed when the rules landed, each with the change that removes it
 * (../known-violations.json). `pnpm lint` fails only on violations outside that list, so the
 * rules guard the shape from now on while those changes land; an entry that no longer occurs
 * is reported so it gets deleted, and the list only shrinks.
 */
import { readFileSync } from "node:fs";
import { type DependencyViolation, format } from "./check-dependencies.ts";

/** The repo's list (tools/dependency-rules/known-violations.json). */
export const KNOWN_VIOLATIONS_FILE = new URL("../known-violations.json", import.meta.url);

export interface KnownViolation {
  /** The violation as `format` prints it: `rule: from → to`. */
  violation: string;
  /** Who removes it (the change or package that makes it go away). */
  owner: string;
  why: string;
}

export interface Triage {
  /** Violations not in the known list: these fail the lint. */
  fresh: DependencyViolation[];
  /** Known violations still present. */
  known: KnownViolation[];
  /** Known entries that no longer occur: delete them from the list. */
  stale: KnownViolation[];
}

/** Reads and checks the known-violations file (a hand-edited file: each entry needs an owner). */
export function readKnownViolations(file: URL | string = KNOWN_VIOLATIONS_FILE): KnownViolation[] {
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  const list = (parsed as { violations?: unknown } | null)?.violations;
  if (!Array.isArray(list)) throw new Error(`${String(file)}: expected { "violations": [...] }`);
  return list.map((entry: unknown, index) => {
    const { violation, owner, why } = (entry ?? {}) as Record<string, unknown>;
    if (typeof violation !== "string" || typeof owner !== "string" || owner === "" || typeof why !== "string") {
      throw new Error(`${String(file)}: entry ${index} needs string "violation", "owner" (non-empty) and "why"`);
    }
    return { violation, owner, why };
  });
}

/** Splits what a check found into fresh violations, known ones still present, and stale entries. */
export function triage(found: readonly DependencyViolation[], known: readonly KnownViolation[]): Triage {
  const foundLines = new Set(found.map(format));
  const knownLines = new Set(known.map((entry) => entry.violation));
  return {
    fresh: found.filter((violation) => !knownLines.has(format(violation))),
    known: known.filter((entry) => foundLines.has(entry.violation)),
    stale: known.filter((entry) => !foundLines.has(entry.violation)),
  };
}
