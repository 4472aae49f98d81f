/**
 * @module StorageBanner
 * Warns when the device is nearly out of space for Quire or a save to the device failed, and
 * says plainly what is still safe.
 */
import type { JSX } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { StorageMonitor } from "@quire/client";
import { useStoreValue } from "./use-store-value.ts";

export function StorageBanner({ monitor }: { monitor: StorageMonitor }): JSX.Element | null {
  const { t } = useTranslation();
  const status = useStoreValue(monitor, (l) => monitor.subscribe(l), () => monitor.status());
  if (status.level === "ok") return null;
  const usedMb = (status.usage / (1024 * 1024)).toFixed(0);
  const quotaMb = (status.quota / (1024 * 1024)).toFixed(0);
  return (
    <div className={`banner banner-${status.level}`} role="alert" data-testid="storage-banner">
      {status.level === "near-quota" ? (
        <>
          <strong>{t("banner.nearFullTitle")}</strong> {t("banner.nearFullDetail", { used: usedMb, quota: quotaMb })}
        </>
      ) : (
        <>
          <strong>{t("banner.failedTitle")}</strong> {status.message ?? ""} {t("banner.failedDetail")}
        </>
      )}
    </div>
  );
}
