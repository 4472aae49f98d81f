/**
 * @module backup-config
 * Scheduled backups from the environment:
 * - BACKUP_INTERVAL_HOURS: hours between backups, 0 (default) = off. Fractions are allowed
 *   (0.5 = every 30 minutes; tests use a few seconds' worth).
 * - BACKUP_DIR: where they go; default `<DATA_DIR>-backups`, beside the data dir and never
 *   inside it (a restore wants an empty data dir, and a copy inside would back itself up).
 * - BACKUP_KEEP: newest backups kept (0 = all). Default 14: two weeks of daily backups, so a
 *   mistake noticed after a week's holiday still has a copy from before it.
 */
import { resolve } from "node:path";

export const DEFAULT_BACKUP_KEEP = 14;

export interface BackupSchedule {
  /** 0: no scheduled backups. */
  intervalMs: number;
  backupDir: string;
  keep: number;
}

export function parseBackupConfig(env: NodeJS.ProcessEnv, dataDir: string): BackupSchedule {
  const hoursRaw = env.BACKUP_INTERVAL_HOURS?.trim() || "0";
  if (!/^\d+(\.\d+)?$/.test(hoursRaw)) throw new Error(`BACKUP_INTERVAL_HOURS must be a non-negative number of hours, got ${JSON.stringify(hoursRaw)}`);
  const intervalMs = Math.round(Number(hoursRaw) * 3_600_000);
  if (Number(hoursRaw) > 0 && intervalMs < 1_000) throw new Error("BACKUP_INTERVAL_HOURS must be at least one second (0.0003)");
  if (intervalMs > 2_147_483_647) throw new Error("BACKUP_INTERVAL_HOURS must be at most 596 (24 days, the longest timer)");
  return { intervalMs, backupDir: resolve(env.BACKUP_DIR || `${dataDir}-backups`), keep: parseKeep(env.BACKUP_KEEP) };
}

export function parseKeep(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_BACKUP_KEEP;
  if (!/^\d+$/.test(raw.trim())) throw new Error(`BACKUP_KEEP must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return Number(raw.trim());
}
