/**
 * @module take-backup
 * An online, consistent copy of a data dir while the relay runs: SQLite's backup API copies the
 * database page by page (WAL lets the relay keep committing meanwhile), the key files are
 * copied beside it, the copy is checked (`PRAGMA integrity_check` and the manifest's
 * checksums), and only then does the directory get its final name: a backup that exists is
 * whole. Older backups beyond `keep` are removed afterwards.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { DATABASE_FILE, type Db, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "@quire/storage-sqlite";
import { BACKUP_NAME, BACKUP_PREFIX, BackupError, type BackupManifest, KEY_FILES, MANIFEST_FILE, backupName, sha256File, verifyBackupFiles } from "./backup-manifest.ts";

/** One step copies everything: a separate process's copy is consistent only within one step. */
export const ALL_PAGES = 0x7fffffff;

export interface BackupOptions {
  /**
   * Pages per backup step; between steps the event loop runs. Use ALL_PAGES from a connection
   * other than the writer's (a CLI): SQLite restarts a copy whose source another connection
   * changed between steps, and one step reads one snapshot. From the writing connection itself
   * (the relay's scheduled backup), small steps are safe: its own writes reach the copy.
   */
  pagesPerStep: number;
  /** Backups of this data dir kept in the backup dir (this one included); 0 keeps all. */
  keep: number;
  now?: Date;
  /**
   * Checks the database copy (checkDatabase with makeStandalone) and returns its SHA-256.
   * Default: on this thread (fine for a CLI); the relay passes one running in a worker.
   */
  checkCopy?: (file: string) => Promise<string>;
}

function checkCopyHere(file: string): Promise<string> {
  checkDatabase(file, { makeStandalone: true });
  return Promise.resolve(sha256File(file));
}

export interface BackupResult {
  dir: string;
  databaseBytes: number;
  files: string[];
  ms: number;
}

/** Backs up `db` (the database of `dataDir`) and `dataDir`'s key files into a new dir under `backupDir`. */
export async function takeBackup(db: Db, dataDir: string, backupDir: string, options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  mkdirSync(backupDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const name = backupName(options.now ?? new Date());
  const final = join(backupDir, name);
  if (existsSync(final)) throw new BackupError(`${final} already exists`);
  const temp = join(backupDir, `.${name}.partial`);
  mkdirSync(temp, { mode: PRIVATE_DIR_MODE });
  chmodSync(temp, PRIVATE_DIR_MODE);
  try {
    const dbCopy = join(temp, DATABASE_FILE);
    await db.backup(dbCopy, { progress: () => options.pagesPerStep });
    chmodSync(dbCopy, PRIVATE_FILE_MODE);
    const databaseSha256 = await (options.checkCopy ?? checkCopyHere)(dbCopy);
    const manifest: BackupManifest = { v: 1, created: new Date().toISOString(), files: { [DATABASE_FILE]: databaseSha256 } };
    for (const file of KEY_FILES) {
      const source = join(dataDir, file);
      if (!existsSync(source)) continue;
      copyFileSync(source, join(temp, file));
      chmodSync(join(temp, file), PRIVATE_FILE_MODE);
      manifest.files[file] = sha256File(join(temp, file));
    }
    writeFileSync(join(temp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
    // The key files and manifest as written (the database was checked above; its hash is not
    // recomputed here, on what may be the relay's event loop).
    verifyBackupFiles(temp, { skip: DATABASE_FILE });
    renameSync(temp, final);
    pruneBackups(backupDir, options.keep);
    return { dir: final, databaseBytes: statSync(join(final, DATABASE_FILE)).size, files: Object.keys(manifest.files), ms: Date.now() - started };
  } catch (error) {
    // A half-written copy is not a backup; the data dir itself was only read.
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

/**
 * `PRAGMA integrity_check` on a database file, throwing a BackupError unless it says "ok".
 * `makeStandalone` first switches the copy to rollback-journal mode: the backup API copies the
 * source's WAL flag, and a WAL database is not one self-contained file (nor readable read-only
 * without its -shm). A relay opening the restored file switches it back to WAL.
 */
export function checkDatabase(file: string, options: { makeStandalone?: boolean } = {}): void {
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: true, readonly: options.makeStandalone !== true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    if (options.makeStandalone) db.pragma("journal_mode = DELETE");
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    const problems = rows.map((row) => row.integrity_check).filter((text) => text !== "ok");
    if (problems.length > 0) throw new BackupError(`${file} failed SQLite's integrity check: ${problems.slice(0, 5).join("; ")}`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} failed SQLite's integrity check: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
}

/**
 * A `.partial` dir this old is left over from a backup whose process was killed (a live one
 * takes seconds to minutes); younger ones may belong to a backup running in another process.
 */
export const STALE_PARTIAL_MS = 24 * 3_600_000;

/**
 * Removes the oldest `quire-backup-*` dirs beyond `keep` (0: none) and stale `.partial` dirs.
 * Other files are left alone.
 */
export function pruneBackups(backupDir: string, keep: number, now = Date.now()): string[] {
  for (const name of readdirSync(backupDir)) {
    if (!name.startsWith(`.${BACKUP_PREFIX}`) || !name.endsWith(".partial")) continue;
    if (now - statSync(join(backupDir, name)).mtimeMs > STALE_PARTIAL_MS) rmSync(join(backupDir, name), { recursive: true, force: true });
  }
  if (keep <= 0) return [];
  const backups = readdirSync(backupDir).filter((name) => BACKUP_NAME.test(name)).sort();
  const removed = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of removed) rmSync(join(backupDir, name), { recursive: true, force: true });
  return removed;
}
