/**
 * @module device-errors
 * Messages a student can act on for each way a document's device copy (IndexedDB) can fail.
 */
import { t } from "./client-messages.ts";
import { describeWriteError } from "./StorageMonitor.ts";

export type DeviceErrorKind = "open" | "read" | "row" | "write" | "closed";

/** A message a student can act on, for each way the device copy can fail. */
export function describeDeviceError(error: unknown, kind: DeviceErrorKind): string {
  switch (kind) {
    case "open":
      return t("deviceError.open");
    case "read":
      return t("deviceError.read");
    case "row":
      return t("deviceError.row");
    case "closed":
      return t("deviceError.closed");
    case "write":
      return describeWriteError(error);
  }
}
