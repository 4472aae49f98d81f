/**
 * @module BackupScheduler
 * The relay's own scheduled backups (BACKUP_INTERVAL_HOURS, 0 = off): no cron or timer unit
 * to install. Each runs through the relay's own connection in steps of STEP_PAGES, so the event
 * loop serves clients between steps and the relay's writes meanwhile reach the copy instead
 * of restarting it; the copy is checked and hashed in a worker thread (backup-check-worker.ts).
 * One at a time; `stop()` waits for one in progress before the database closes.
 */
import { Worker } from "node:worker_threads";
import type { Db } from "@quire/storage-sqlite";
import { log } from "../log.ts";
import type { BackupSchedule } from "./backup-config.ts";
import { takeBackup } from "./take-backup.ts";

/** 256 pages (1 MiB at SQLite's 4 KiB pages) per step: well under a millisecond of copying. */
export const STEP_PAGES = 256;

export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly schedule: BackupSchedule,
    /** dist/backup-check-worker.js (built beside the decode worker). */
    private readonly checkWorkerUrl: URL,
  ) {}

  start(): void {
    if (this.schedule.intervalMs <= 0 || this.timer) return;
    log.info("scheduled backups on", { everyMs: this.schedule.intervalMs, backupDir: this.schedule.backupDir, keep: this.schedule.keep });
    this.timer = setInterval(() => void this.runOnce(), this.schedule.intervalMs);
    this.timer.unref();
  }

  /** Takes one backup now unless one is already running; logs, never throws. */
  runOnce(): Promise<void> {
    if (this.running) return this.running;
    this.running = takeBackup(this.db, this.dataDir, this.schedule.backupDir, {
      pagesPerStep: STEP_PAGES,
      keep: this.schedule.keep,
      checkCopy: (file) => this.checkInWorker(file),
    })
      .then(
        (result) => log.info("backup written", { dir: result.dir, databaseBytes: result.databaseBytes, files: result.files.join(","), ms: result.ms }),
        (error: unknown) => log.error("backup failed", { backupDir: this.schedule.backupDir, error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private checkInWorker(file: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(this.checkWorkerUrl, { workerData: file });
      let settled = false;
      worker.once("message", (reply: { sha256?: unknown; error?: unknown }) => {
        settled = true;
        if (typeof reply.sha256 === "string") resolve(reply.sha256);
        else reject(new Error(String(reply.error ?? "backup check worker: no answer")));
      });
      worker.once("error", (error) => {
        settled = true;
        reject(error);
      });
      worker.once("exit", (code) => {
        if (!settled) reject(new Error(`backup check worker exited with code ${code}`));
      });
    });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
