/**
 * @module format-time
 * Relay times (ms) as the interface language writes a date and time, through Intl.
 */
import { i18n } from "../i18n/instance.ts";

export function formatTime(at: number): string {
  return new Intl.DateTimeFormat(i18n.language || "en", { dateStyle: "medium", timeStyle: "short" }).format(at);
}

export function formatClock(at: number): string {
  return new Intl.DateTimeFormat(i18n.language || "en", { timeStyle: "short" }).format(at);
}
