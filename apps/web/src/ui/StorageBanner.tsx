/**
 * @module StorageBanner
 * Warns when the device is nearly out of space for Quire or a save to the device failed, and
 * says plainly what is still safe.
 */
import type { JSX } from "react";
import type { StorageMonitor } from "../data/index.ts";
import { useStoreValue } from "./use-store-value.ts";

export function StorageBanner({ monitor }: { monitor: StorageMonitor }): JSX.Element | null {
  const status = useStoreValue(monitor, (l) => monitor.subscribe(l), () => monitor.status());
  if (status.level === "ok") return null;
  const usedMb = (status.usage / (1024 * 1024)).toFixed(0);
  const quotaMb = (status.quota / (1024 * 1024)).toFixed(0);
  return (
    <div className={`banner banner-${status.level}`} role="alert" data-testid="storage-banner">
      {status.level === "near-quota" ? (
        <>
          <strong>This device is almost full</strong> ({usedMb} of {quotaMb} MB used). Everything you wrote so far is saved. Free
          some space soon, or new changes can only be kept while you are online.
        </>
      ) : (
        <>
          <strong>Quire could not save to this device.</strong> {status.message ?? ""} Your changes are still sent to your group
          while you are online — don't close this tab until it says “Saved to the relay ✓”.
        </>
      )}
    </div>
  );
}
