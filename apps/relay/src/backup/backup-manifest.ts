/**
 * @module backup-manifest
 * What a backup holds and how it proves it is whole. A backup is a directory
 * `quire-backup-<UTC time>` with the database (`quire.sqlite`, a single-file copy in rollback
 * journal mode), the key files tokens need, and `manifest.json` naming each file with its
 * SHA-256. SQLite's integrity check sees a broken page structure but not a flipped byte inside
 * a stored update; the checksums see both, so a damaged copy is refused before anything of it
 * is written anywhere.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { KEY_RING_FILE, OPERATOR_TOKEN_FILE } from "@quire/auth";
import { DATABASE_FILE } from "@quire/storage-sqlite";
import { LEGACY_SECRET_FILE } from "../auth/legacy-hmac-token.ts";
import { UPSTREAM_JWKS_FILE } from "../hub/upstream-jwks-file.ts";

export const MANIFEST_FILE = "manifest.json";
export const BACKUP_PREFIX = "quire-backup-";
/** `quire-backup-20261130T222800123Z`: sorts by time as text, no `:` (invalid on some disks). */
export const BACKUP_NAME = /^quire-backup-\d{8}T\d{9}Z$/;

/**
 * Files besides the database that a restored relay needs: the token key ring (tokens already
 * handed out keep verifying), the operator token, the pre-JWT HMAC secret and a hub's cached
 * upstream keys. Each is copied when present.
 */
export const KEY_FILES = [KEY_RING_FILE, OPERATOR_TOKEN_FILE, LEGACY_SECRET_FILE, UPSTREAM_JWKS_FILE] as const;
const ALLOWED = new Set<string>([DATABASE_FILE, ...KEY_FILES]);

export interface BackupManifest {
  v: 1;
  /** ISO time the copy was taken. */
  created: string;
  /** File name → lowercase hex SHA-256. */
  files: Record<string, string>;
}

export class BackupError extends Error {}

export function backupName(now: Date): string {
  return `${BACKUP_PREFIX}${now.toISOString().replace(/[-:.]/g, "")}`;
}

export function sha256File(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/**
 * Reads and checks `dir`'s manifest and every file it names. The manifest came from disk,
 * perhaps from another machine: only known file names, hex digests, and the database must be
 * there. Throws a BackupError saying what is wrong.
 */
export function verifyBackupFiles(dir: string, options: { skip?: string } = {}): BackupManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8"));
  } catch (error) {
    throw new BackupError(`${dir} is not a Quire backup: ${MANIFEST_FILE} unreadable (${error instanceof Error ? error.message : String(error)})`);
  }
  const manifest = raw as Partial<BackupManifest>;
  if (typeof raw !== "object" || raw === null || manifest.v !== 1 || typeof manifest.created !== "string" || typeof manifest.files !== "object" || manifest.files === null) {
    throw new BackupError(`${dir}: ${MANIFEST_FILE} is not a version 1 backup manifest`);
  }
  const files = manifest.files as Record<string, unknown>;
  if (typeof files[DATABASE_FILE] !== "string") throw new BackupError(`${dir}: the backup has no ${DATABASE_FILE}`);
  for (const [name, digest] of Object.entries(files)) {
    if (!ALLOWED.has(name)) throw new BackupError(`${dir}: unexpected file ${JSON.stringify(name)} in the manifest`);
    if (typeof digest !== "string" || !/^[0-9a-f]{64}$/.test(digest)) throw new BackupError(`${dir}: bad checksum for ${name}`);
    if (name === options.skip) continue;
    let actual: string;
    try {
      actual = sha256File(join(dir, name));
    } catch (error) {
      throw new BackupError(`${dir}: ${name} unreadable (${error instanceof Error ? error.message : String(error)})`);
    }
    if (actual !== digest) throw new BackupError(`${dir}: ${name} is damaged (SHA-256 ${actual} does not match the manifest's ${digest})`);
  }
  return { v: 1, created: manifest.created, files: files as Record<string, string> };
}
