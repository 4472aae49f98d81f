/**
 * @module restore-backup
 * Puts a backup (take-backup.ts) into a data dir for a relay to start on. Everything is checked
 * before anything is written: the manifest's checksums and SQLite's integrity check of the
 * backed-up database. The target must be empty or missing; with `force` a non-empty one is
 * renamed aside (`<dir>.before-restore-<time>`), never deleted. After copying, the restored
 * files are checked again (checksums and integrity) so a bad disk shows up now, not at start.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import { DATABASE_FILE, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "@quire/storage-sqlite";
import { BackupError, sha256File, verifyBackupFiles } from "./backup-manifest.ts";
import { checkDatabase } from "./take-backup.ts";

export interface RestoreResult {
  created: string;
  files: string[];
  /** Where the previous contents of the data dir went (`force` only). */
  movedAside: string | null;
}

export function restoreBackup(backupDir: string, dataDir: string, options: { force?: boolean; now?: Date } = {}): RestoreResult {
  const manifest = verifyBackupFiles(backupDir);
  checkDatabase(join(backupDir, DATABASE_FILE));
  let movedAside: string | null = null;
  if (existsSync(dataDir)) {
    if (!statSync(dataDir).isDirectory()) throw new BackupError(`${dataDir} exists and is not a directory`);
    if (readdirSync(dataDir).length > 0) {
      if (!options.force) throw new BackupError(`${dataDir} is not empty: restore only into an empty data dir, or pass --force to move its contents aside first`);
      movedAside = `${dataDir}.before-restore-${(options.now ?? new Date()).toISOString().replace(/[-:.]/g, "")}`;
      if (existsSync(movedAside)) throw new BackupError(`${movedAside} already exists`);
      renameSync(dataDir, movedAside);
    }
  }
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dataDir, PRIVATE_DIR_MODE);
  const names = Object.keys(manifest.files);
  for (const name of names) {
    const target = join(dataDir, name);
    copyFileSync(join(backupDir, name), target);
    chmodSync(target, PRIVATE_FILE_MODE);
    if (sha256File(target) !== manifest.files[name]) throw new BackupError(`${target}: the restored copy differs from the backup (disk error?)`);
  }
  checkDatabase(join(dataDir, DATABASE_FILE));
  return { created: manifest.created, files: names, movedAside };
}
