/**
 * @module valibot-body
 * Validation of API input with valibot through Hono's validator middleware (issue 13): a
 * route declares the schema of its JSON body or path, and a request that does not match is
 * answered 400 with the first problem in the `{ error: { code, message } }` shape of
 * api-error.ts, before the handler runs. Body size and content type are checked earlier
 * (bodyLimit, sameOriginApi).
 */
import { vValidator } from "@hono/valibot-validator";
import * as v from "valibot";
import { apiError } from "./api-error.ts";

/** A body or path schema as a middleware that answers 400 `bad_request` when input does not match. */
export function validated<T extends v.GenericSchema, Target extends "json" | "param">(target: Target, schema: T) {
  return vValidator(target, schema, (result, c) => {
    if (!result.success) return apiError(c, 400, "bad_request", describeIssue(result.issues[0], target));
    return undefined;
  });
}

function describeIssue(issue: v.BaseIssue<unknown> | undefined, target: string): string {
  if (!issue) return `invalid ${target === "json" ? "request body" : "path"}`;
  const path = issue.path?.map((item) => String(item.key)).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** C0 control characters and DEL: never part of a name, and they garble logs and UIs. */
function hasNoControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

/** A trimmed display name of 1–`max` characters (code points), without control characters. */
export function nameSchema(max: number, label: string) {
  return v.pipe(
    v.string(`${label} must be a string`),
    v.trim(),
    v.check((s) => [...s].length >= 1 && [...s].length <= max, `${label} must be 1–${max} characters`),
    v.check(hasNoControlCharacter, `${label} must not contain control characters`),
  );
}

export const WORKSPACE_ID = v.pipe(v.string(), v.regex(/^w[a-z0-9]{10}$/, "workspace id must be w followed by 10 of a-z, 0-9"));
/** Member ids are token `sub`s: the relay's own are `u_` + 12 base64url characters, a CLI's may be other text. */
export const MEMBER_ID = v.pipe(v.string(), v.minLength(1), v.maxLength(128, "member id longer than 128 characters"));
export const GROUP_ID = v.pipe(v.string(), v.regex(/^g_[A-Za-z0-9_-]{8}$/, "group id must be g_ followed by 8 base64url characters"));
/** The document part of `<workspace>/<doc>`: one segment of the doc-name grammar. */
export const DOC_ID = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/, "document id must be one name segment (letters, digits, . _ -)"));
/** A due time is a real date: from 2000 to 2100, in ms since epoch. */
export const DUE_TIME = v.pipe(v.number("lockFrom must be a number (ms since epoch)"), v.integer(), v.minValue(946_684_800_000), v.maxValue(4_102_444_800_000));
