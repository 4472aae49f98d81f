/**
 * @module backup-cli
 * Backs up a relay's data dir while the relay runs (issue 14 item 6):
 *
 *   backup [--data-dir <dir>] [--to <backup dir>] [--keep <n>]
 *
 * `--data-dir` defaults to $DATA_DIR or ./data, `--to` to $BACKUP_DIR or `<data dir>-backups`,
 * `--keep` to $BACKUP_KEEP or 14 (backup/backup-config.ts). Writes `quire-backup-<UTC time>/`
 * (database, key files, manifest), checked before it prints its path; exits 1 on any failure
 * with nothing left behind. Relative paths are relative to where the command was typed.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { DATABASE_FILE } from "@quire/storage-sqlite";
import { parseKeep } from "./backup/backup-config.ts";
import { ALL_PAGES, takeBackup } from "./backup/take-backup.ts";

const USAGE = "usage: backup [--data-dir <dir>] [--to <backup dir>] [--keep <n>]";
const base = process.env.INIT_CWD ?? process.cwd();

function fail(message: string): never {
  process.stderr.write(`backup failed: ${message}\n${USAGE}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let values: { "data-dir"?: string; to?: string; keep?: string; help?: boolean };
  try {
    values = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: { "data-dir": { type: "string" }, to: { type: "string" }, keep: { type: "string" }, help: { type: "boolean", short: "h" } },
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const dataDir = resolve(base, values["data-dir"] ?? process.env.DATA_DIR ?? "./data");
  const backupDir = resolve(base, values.to ?? process.env.BACKUP_DIR ?? `${dataDir}-backups`);
  let keep: number;
  try {
    keep = parseKeep(values.keep ?? process.env.BACKUP_KEEP);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) fail(`${file} does not exist: is ${dataDir} the relay's DATA_DIR?`);
  // A connection of its own, never creating or migrating anything: only the relay does that.
  const db = new Database(file, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    // The relay keeps writing through its own connection: one step copies one snapshot.
    const result = await takeBackup(db, dataDir, backupDir, { pagesPerStep: ALL_PAGES, keep });
    process.stdout.write(`${result.dir}\n`);
    process.stderr.write(`backed up ${result.files.join(", ")} (database ${result.databaseBytes} bytes, integrity ok) in ${result.ms} ms\n`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    db.close();
  }
}

await main();
