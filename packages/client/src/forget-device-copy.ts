/**
 * @module forget-device-copy
 * Deletes this device's copy of one doc (its IndexedDB database). Used when the relay no
 * longer lets her read a doc whose copy holds what she may not keep (issue 13: another
 * group's list of documents). Another tab holding the database open closes it on the
 * `versionchange` (DeviceStore), so the delete goes through; a failure leaves the copy.
 */
export function forgetDeviceCopy(factory: IDBFactory | undefined, databaseName: string): Promise<void> {
  return new Promise((resolve) => {
    if (!factory) {
      resolve();
      return;
    }
    const request = factory.deleteDatabase(databaseName);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    request.onblocked = () => {}; // Resolves once the other tab closed it.
  });
}
