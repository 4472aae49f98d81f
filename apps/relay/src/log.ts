/**
 * @module log
 * JSON-lines logging to stderr (stdout carries only the "listening on" line and CLI output),
 * level from LOG_LEVEL (debug | info | warn | error; default info). String fields are
 * truncated (log-fields.ts): peers choose some of them.
 */
import { boundLogFields } from "./log-fields.ts";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

let threshold: number = LEVELS.info;

/** Sets the minimum level printed. Unknown names fall back to `info`. */
export function setLogLevel(level: string | undefined): void {
  threshold = LEVELS[(level ?? "info") as LogLevel] ?? LEVELS.info;
}

function write(level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
  if (LEVELS[level] < threshold) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...(fields ? boundLogFields(fields) : {}) });
  process.stderr.write(`${line}\n`);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
