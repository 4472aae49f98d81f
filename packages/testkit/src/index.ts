export { RELAY_MAIN, RelayProcess } from "./RelayProcess.ts";
export type { Health, RelayProcessOptions } from "./RelayProcess.ts";
export { connectStockClient, waitFor, waitSynced } from "./stock-client.ts";
export type { StockClient } from "./stock-client.ts";
export { runStoragePortSuite } from "./storage-port-suite.ts";
export type { StoragePortFixture, StoragePortSetup, StoragePortSetupOptions } from "./storage-port-suite.ts";
export { storedCheckpoints, storedDoc, storedDocNames, storedProvenance, storedRows, storedWorkspaceBytes } from "./stored-doc.ts";
export { runRoomBusSuite } from "./room-bus-suite.ts";
export type { RoomBusFixture, RoomBusSetup } from "./room-bus-suite.ts";
