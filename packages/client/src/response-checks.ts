/**
 * @module response-checks
 * The shape checks every decoder of a relay answer starts from (history-responses.ts,
 * class-responses.ts): the answer is untrusted JSON, so each field is checked and a wrong one
 * throws a TypeError that names the answer and the field.
 */
export interface ResponseChecks {
  bad(what: string): TypeError;
  object(v: unknown, what: string): Record<string, unknown>;
  list(v: unknown, max: number, what: string): unknown[];
}

/** Checks whose errors start with `answer` (e.g. "history response"). */
export function responseChecks(answer: string): ResponseChecks {
  const bad = (what: string) => new TypeError(`${answer}: ${what}`);
  return {
    bad,
    object(v, what) {
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw bad(`${what} is not an object`);
      return v as Record<string, unknown>;
    },
    list(v, max, what) {
      if (!Array.isArray(v)) throw bad(`${what} is not a list`);
      if (v.length > max) throw bad(`${what} has more than ${max} entries`);
      return v;
    },
  };
}
