import { describe, expect, it } from "vitest";
import { type StorageEstimator, StorageMonitor, describeWriteError } from "./StorageMonitor.ts";

/** A device's storage as navigator.storage reports it: fixed numbers we can change. */
class DeviceStorage implements StorageEstimator {
  usage = 0;
  quota = 1_000;
  granted = false;
  asked = 0;
  async estimate() {
    return { usage: this.usage, quota: this.quota };
  }
  async persist() {
    this.asked++;
    this.granted = true;
    return true;
  }
  async persisted() {
    return this.granted;
  }
}

describe("StorageMonitor", () => {
  it("warns at 80% of the quota and not below", async () => {
    const storage = new DeviceStorage();
    const monitor = new StorageMonitor({ storage });
    storage.usage = 799;
    await monitor.refresh();
    expect(monitor.status()).toEqual({ usage: 799, quota: 1_000, persisted: false, level: "ok" });
    let calls = 0;
    monitor.subscribe(() => calls++);
    storage.usage = 800;
    await monitor.refresh();
    expect(monitor.status()).toMatchObject({ level: "near-quota", usage: 800 });
    expect(monitor.status().message).toMatch(/80% full/);
    const same = monitor.status();
    await monitor.refresh();
    expect(monitor.status()).toBe(same); // Stable snapshot for useSyncExternalStore.
    expect(calls).toBe(1);
    monitor.destroy();
  });

  it("asks for persistent storage", async () => {
    const storage = new DeviceStorage();
    const monitor = new StorageMonitor({ storage });
    expect(await monitor.requestPersist()).toBe(true);
    expect(storage.asked).toBe(1);
    expect(monitor.status().persisted).toBe(true);
    monitor.destroy();
  });

  it("shows a write error on every monitor of the page until writes work again", async () => {
    const a = new StorageMonitor({ storage: null });
    const b = new StorageMonitor({ storage: null });
    const quota = Object.assign(new Error("quota"), { name: "QuotaExceededError" });
    a.reportWriteError(quota);
    expect(b.status()).toMatchObject({ level: "error" });
    expect(b.status().message).toMatch(/out of storage space/);
    StorageMonitor.broadcastWriteOk();
    expect(a.status().level).toBe("ok");
    b.destroy();
    a.reportWriteError(new Error("disk"));
    expect(b.status().level).toBe("ok"); // Destroyed monitors hear nothing.
    expect(a.status().message).toBe(describeWriteError(new Error("disk")));
    a.destroy();
  });

  it("keeps the specific write error when a generic report of the same failure follows", () => {
    const monitor = new StorageMonitor({ storage: null });
    const quota = Object.assign(new Error("quota"), { name: "QuotaExceededError" });
    monitor.reportWriteError(quota);
    // The UI re-reports the save state's error text as a plain Error.
    monitor.reportWriteError(new Error(monitor.status().message));
    expect(monitor.status().message).toMatch(/out of storage space/);
    StorageMonitor.broadcastWriteOk();
    monitor.reportWriteError(new Error("disk"));
    expect(monitor.status().message).toBe(describeWriteError(new Error("disk")));
    monitor.destroy();
  });
});
