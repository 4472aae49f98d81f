/**
 * @module restore-cli
 * Restores a backup (backup-cli.ts, or the relay's scheduled ones) into a data dir:
 *
 *   restore <backup dir> [--data-dir <dir>] [--force]
 *
 * Run it while no relay uses that data dir. The backup is checked (checksums, SQLite integrity)
 * before anything is written; a damaged one is refused and the data dir is left untouched.
 * The data dir must be empty or missing; `--force` moves a non-empty one aside
 * (`<dir>.before-restore-<time>`, printed) and never deletes it.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { BackupError } from "./backup/backup-manifest.ts";
import { restoreBackup } from "./backup/restore-backup.ts";

const USAGE = "usage: restore <backup dir> [--data-dir <dir>] [--force]";
const base = process.env.INIT_CWD ?? process.cwd();

function fail(message: string): never {
  process.stderr.write(`restore refused: ${message}\n${USAGE}\n`);
  process.exit(1);
}

function main(): void {
  let parsed: { values: { "data-dir"?: string; force?: boolean; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      strict: true,
      options: { "data-dir": { type: "string" }, force: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length !== 1) fail("name one backup dir");
  const backupDir = resolve(base, positionals[0] as string);
  const dataDir = resolve(base, values["data-dir"] ?? process.env.DATA_DIR ?? "./data");
  try {
    const result = restoreBackup(backupDir, dataDir, { force: values.force === true });
    if (result.movedAside) process.stdout.write(`moved the previous contents of ${dataDir} to ${result.movedAside}\n`);
    process.stdout.write(`restored the backup of ${result.created} (${result.files.join(", ")}) into ${dataDir}; integrity ok\n`);
  } catch (error) {
    fail(error instanceof BackupError || error instanceof Error ? error.message : String(error));
  }
}

main();
