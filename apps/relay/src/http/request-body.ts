/**
 * @module request-body
 * Reads and validates a small JSON body: trimmed strings with length bounds, nothing else
 * trusted. The byte limit is enforced by hono's bodyLimit before this runs.
 */
import type { Context } from "hono";

export type FieldSpec = Record<string, { min: number; max: number; label: string }>;
export type BodyResult<T extends FieldSpec> = { ok: true; value: { [K in keyof T]: string } } | { ok: false; message: string };

export async function readStringFields<T extends FieldSpec>(c: Context, spec: T): Promise<BodyResult<T>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return { ok: false, message: "request body must be JSON" };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, message: "request body must be a JSON object" };
  }
  const record = body as Record<string, unknown>;
  const value: Record<string, string> = {};
  for (const [key, { min, max, label }] of Object.entries(spec)) {
    const raw = record[key];
    if (typeof raw !== "string") return { ok: false, message: `${key} (${label}) must be a string` };
    const trimmed = raw.trim();
    // Count user-perceived characters roughly (code points), not UTF-16 units.
    const length = [...trimmed].length;
    if (length < min || length > max) return { ok: false, message: `${key} (${label}) must be ${min}–${max} characters` };
    if (hasControlCharacter(trimmed)) return { ok: false, message: `${key} (${label}) must not contain control characters` };
    value[key] = trimmed;
  }
  return { ok: true, value: value as { [K in keyof T]: string } };
}

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearerToken(c: Context): string | null {
  const header = c.req.header("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** C0 control characters and DEL: never part of a name, and they garble logs and UIs. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
