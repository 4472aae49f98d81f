/**
 * @module api-error
 * The HTTP API's error shape: `{ error: { code, message } }` with a matching status.
 */
import type { Context } from "hono";

export type ApiStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503;

export function apiError(c: Context, status: ApiStatus, code: string, message: string): Response {
  return c.json({ error: { code, message } }, status);
}
