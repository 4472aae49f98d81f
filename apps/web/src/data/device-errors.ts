/**
 * @module device-errors
 * Messages a student can act on for each way a document's device copy (IndexedDB) can fail.
 */
import { describeWriteError } from "./StorageMonitor.ts";

export type DeviceErrorKind = "open" | "read" | "row" | "write" | "closed";

/** A message a student can act on, for each way the device copy can fail. */
export function describeDeviceError(error: unknown, kind: DeviceErrorKind): string {
  switch (kind) {
    case "open":
      return "This browser won't let Quire keep documents on this device (private window or storage turned off). Your changes are saved only while you are online.";
    case "read":
      return "The copy of this document on this device could not be read. Stay online to get it from the relay.";
    case "row":
      return "Part of this document's copy on this device was damaged and skipped. Stay online so the relay can fill it in.";
    case "closed":
      return "The browser removed this document's copy from this device (site data cleared, or storage full), so new changes are not saved on it. Stay online until they are saved on the relay.";
    case "write":
      return describeWriteError(error);
  }
}
