/**
 * @module StorageMonitor
 * How full the device's storage is, whether the browser promised to keep it
 * (`navigator.storage.persist()`), and whether a write has failed. y-indexeddb never reports a
 * failed write (QuotaExceededError vanishes), so our IndexedDB writer reports failures here
 * ({@link StorageMonitor.reportWriteError}) and the UI shows a clear warning.
 *
 * Write errors are shared by every monitor of the page: the UI may construct its own monitor and
 * still hear about a failed write in any open document.
 */
import { t } from "./client-messages.ts";
import { WEB_LIMITS } from "./web-limits.ts";

export interface StorageStatus {
  usage: number;
  quota: number;
  persisted: boolean;
  level: "ok" | "near-quota" | "error";
  message?: string;
}

/** The part of `navigator.storage` we use. */
export interface StorageEstimator {
  estimate(): Promise<{ usage?: number; quota?: number }>;
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
}

const monitors = new Set<StorageMonitor>();

export class StorageMonitor {
  private current: StorageStatus = { usage: 0, quota: 0, persisted: false, level: "ok" };
  private writeError: string | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly storage: StorageEstimator | null;
  private readonly nearQuotaRatio: number;

  constructor(options: { storage?: StorageEstimator | null; nearQuotaRatio?: number } = {}) {
    this.storage =
      options.storage === undefined
        ? ((globalThis as { navigator?: { storage?: StorageEstimator } }).navigator?.storage ?? null)
        : options.storage;
    this.nearQuotaRatio = options.nearQuotaRatio ?? WEB_LIMITS.nearQuotaRatio;
    monitors.add(this);
    void this.refresh();
  }

  /** The latest status (the same object until something changes, as useSyncExternalStore needs). */
  status(): StorageStatus {
    return this.current;
  }

  /** Asks the browser to keep our data under storage pressure. Resolves to whether it agreed. */
  async requestPersist(): Promise<boolean> {
    let persisted = false;
    try {
      persisted = (await this.storage?.persist?.()) ?? false;
    } catch {
      persisted = false;
    }
    this.set({ ...this.current, persisted });
    return persisted;
  }

  /** Re-reads usage and quota. */
  async refresh(): Promise<void> {
    if (!this.storage) return;
    try {
      const [estimate, persisted] = await Promise.all([
        this.storage.estimate(),
        this.storage.persisted?.().catch(() => false) ?? Promise.resolve(false),
      ]);
      const usage = estimate.usage ?? 0;
      const quota = estimate.quota ?? 0;
      this.set(this.compute(usage, quota, persisted));
    } catch {
      // No estimate (old browser, opaque origin): keep what we have; writes still report errors.
    }
  }

  /** While anyone listens, usage is re-read every {@link WEB_LIMITS.storageRefreshMs}. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.timer === null && this.storage) {
      this.timer = setInterval(() => void this.refresh(), WEB_LIMITS.storageRefreshMs);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopTimer();
    };
  }

  private timer: ReturnType<typeof setInterval> | null = null;

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** A write to IndexedDB failed: every monitor of the page shows the error. */
  reportWriteError(error: unknown): void {
    StorageMonitor.broadcastWriteError(error);
  }

  /** Same as {@link reportWriteError}, for code that holds no monitor. */
  static broadcastWriteError(error: unknown, message = describeWriteError(error)): void {
    for (const monitor of monitors) {
      // The UI also reports the save state's error as a plain Error: the generic text must not
      // replace the specific one (out of space, database removed) the writer reported first.
      if (message === genericWriteError() && monitor.writeError !== null) continue;
      monitor.applyWriteError(message);
    }
  }

  /** A write succeeded after an error: the device is saving again. */
  clearWriteError(): void {
    StorageMonitor.broadcastWriteOk();
  }

  static broadcastWriteOk(): void {
    for (const monitor of monitors) monitor.applyWriteError(null);
  }

  /** Stops receiving write errors from other monitors. */
  destroy(): void {
    monitors.delete(this);
    this.listeners.clear();
    this.stopTimer();
  }

  private applyWriteError(message: string | null): void {
    if (this.writeError === message) return;
    this.writeError = message;
    this.set(this.compute(this.current.usage, this.current.quota, this.current.persisted));
    if (message !== null) void this.refresh();
  }

  private compute(usage: number, quota: number, persisted: boolean): StorageStatus {
    if (this.writeError !== null) return { usage, quota, persisted, level: "error", message: this.writeError };
    if (quota > 0 && usage / quota >= this.nearQuotaRatio) {
      const percent = Math.round((usage / quota) * 100);
      return {
        usage,
        quota,
        persisted,
        level: "near-quota",
        message: t("deviceError.nearQuota", { percent }),
      };
    }
    return { usage, quota, persisted, level: "ok" };
  }

  private set(next: StorageStatus): void {
    const prev = this.current;
    if (
      prev.usage === next.usage &&
      prev.quota === next.quota &&
      prev.persisted === next.persisted &&
      prev.level === next.level &&
      prev.message === next.message
    ) {
      return;
    }
    this.current = next;
    for (const listener of this.listeners) listener();
  }
}

/** A message for the student about a failed IndexedDB write. */
export function describeWriteError(error: unknown): string {
  const name = typeof error === "object" && error !== null ? (error as { name?: unknown }).name : undefined;
  if (name === "QuotaExceededError") {
    return t("deviceError.outOfSpace");
  }
  return genericWriteError();
}

const genericWriteError = (): string => t("deviceError.writeFailed");
