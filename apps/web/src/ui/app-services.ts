/**
 * @module app-services
 * The app's long-lived objects, created once per page: the relay API client, the memberships
 * kept on this device and the storage monitor.
 */
import { ApiClient, MembershipStore, StorageMonitor } from "@quire/client";

export interface AppServices {
  api: ApiClient;
  memberships: MembershipStore;
  storage: StorageMonitor;
}

export function createAppServices(): AppServices {
  return { api: new ApiClient(), memberships: new MembershipStore(), storage: new StorageMonitor() };
}
