/**
 * @module private-data-dir
 * The data directory holds the token signing secret and the database with every document and
 * the join codes in plain text: only the relay's user may read it (security finding S7: it
 * was created 0755 and the database 0644, readable by every local user). A new directory is
 * created 0700; an existing one, and the database files in it, are narrowed on every start,
 * so a data dir made by an older relay or by hand is fixed too. SQLite creates `-wal` and
 * `-shm` with the database file's mode, so narrowing the database first covers them.
 */
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) 0700, or narrows an existing one to 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Narrows each of `files` in `dir` that exists to 0600. */
export function narrowFileModes(dir: string, files: readonly string[]): void {
  for (const file of files) {
    const path = join(dir, file);
    if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
  }
}
