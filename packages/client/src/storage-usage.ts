/**
 * @module storage-usage
 * The relay's storage figures for a workspace (GET /api/workspaces/:id/usage, editors and the
 * owner only): bytes stored for the whole workspace and for this member, with the quotas
 * beyond which the relay refuses writes (close 4532). The answer crosses a trust boundary, so
 * {@link parseStorageUsage} checks it before the UI shows a number.
 */

export interface UsageFigure {
  usedBytes: number;
  /** null: the relay sets no quota. */
  quotaBytes: number | null;
}

export interface StorageUsage {
  workspace: UsageFigure;
  member: UsageFigure;
}

function figure(value: unknown): UsageFigure | null {
  if (typeof value !== "object" || value === null) return null;
  const { usedBytes, quotaBytes } = value as Record<string, unknown>;
  if (typeof usedBytes !== "number" || !Number.isSafeInteger(usedBytes) || usedBytes < 0) return null;
  if (quotaBytes !== null && (typeof quotaBytes !== "number" || !Number.isSafeInteger(quotaBytes) || quotaBytes <= 0)) return null;
  return { usedBytes, quotaBytes };
}

/** The usage answer if it is well-formed, else null (never throws). */
export function parseStorageUsage(input: unknown): StorageUsage | null {
  if (typeof input !== "object" || input === null) return null;
  const record = input as Record<string, unknown>;
  const workspace = figure(record.workspace);
  const member = figure(record.member);
  return workspace && member ? { workspace, member } : null;
}

const UNITS = ["kilobyte", "megabyte", "gigabyte", "terabyte"] as const;

/**
 * `1536` → "1.5 kB" (French "1,5 ko", Swahili "kilobaiti 1.5", Arabic "1.5 كيلوبايت"): binary
 * steps, as file managers show them, with the number and unit in the interface language
 * through Intl (issue 16: "256 MB" read "256 MB" in every language before). Bytes are spelled
 * out ("800 bytes", "800 octets"); larger units are abbreviated.
 */
export function formatBytes(bytes: number, locale = "en"): string {
  if (bytes < 1024) return new Intl.NumberFormat(locale, { style: "unit", unit: "byte", unitDisplay: "long" }).format(bytes);
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value >= 100 ? 0 : 1;
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: UNITS[unit],
    unitDisplay: "short",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}
