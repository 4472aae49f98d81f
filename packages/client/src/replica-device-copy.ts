/**
 * @module replica-device-copy
 * Opens a {@link DocReplica}'s device copy ({@link DeviceStore}, IndexedDB) wired to the page's
 * storage monitors: every {@link StorageMonitor} hears a refused write (QuotaExceededError),
 * whether or not one was passed in, and hears when writes succeed again, so the storage warning
 * appears and clears wherever it is shown.
 */
import { DeviceStore, type DeviceStoreOptions } from "./DeviceStore.ts";
import { StorageMonitor } from "./StorageMonitor.ts";
import type * as Y from "yjs";

export interface ReplicaDeviceCopyOptions extends Pick<DeviceStoreOptions, "syncState" | "storedElsewhere" | "indexedDB"> {
  /** Loaded, pending writes or error changed. */
  onChange(): void;
}

export function openReplicaDeviceCopy(name: string, doc: Y.Doc, options: ReplicaDeviceCopyOptions): DeviceStore {
  const { onChange, ...storeOptions } = options;
  let hadDeviceError = false;
  const store: DeviceStore = new DeviceStore(name, doc, {
    ...storeOptions,
    onChange: () => {
      if (hadDeviceError && store.error === null) StorageMonitor.broadcastWriteOk();
      hadDeviceError = store.error !== null;
      onChange();
    },
    onError: (error) => {
      StorageMonitor.broadcastWriteError(error, store.error ?? undefined);
      onChange();
    },
  });
  return store;
}
