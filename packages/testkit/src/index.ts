export { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumArgs, chromiumAvailable, launchChromium, useChromium } from "./chromium.ts";
export type { ChromiumFixture, ChromiumOptions } from "./chromium.ts";
export { RELAY_MAIN, RelayProcess } from "./RelayProcess.ts";
export { FaultyLink } from "./FaultyLink.ts";
export { LanNamespace } from "./LanNamespace.ts";
export type { Health, RelayProcessOptions } from "./RelayProcess.ts";
export { FAKE_INDEX_HTML, FAKE_SERVICE_WORKER, useFakeWebApps } from "./fake-web-app.ts";
export { contextOptions, DESKTOP, PHONE, TABLET } from "./screens.ts";
export type { Screen } from "./screens.ts";
export { connectStockClient, readWithStockClient, waitFor, waitSynced } from "./stock-client.ts";
export type { StockClient } from "./stock-client.ts";
export { RelayFixture, useRelay, useRelays } from "./use-relay.ts";
export type { Relay, RelayPool } from "./use-relay.ts";
export { HUB_TEST_ENV, firstHubPass, hubStatus, issueHubCredential, nextHubPass, useHubs } from "./use-hubs.ts";
export type { HubPool, HubStatus } from "./use-hubs.ts";
export { useStockClients } from "./use-stock-clients.ts";
export { useTempDatabase } from "./use-temp-database.ts";
export type { TempDatabase } from "./use-temp-database.ts";
export type { StockClients } from "./use-stock-clients.ts";
export { openRaw } from "./raw-socket.ts";
export type { RawSocket } from "./raw-socket.ts";
export { openRawMux } from "./raw-mux.ts";
export type { RawMux } from "./raw-mux.ts";
export {
  ackSubscribeFrame,
  awarenessFrame,
  awarenessUpdateFrame,
  deleteRangeUpdate,
  frame,
  isUpdateFrame,
  messageType,
  permissionDeniedReason,
  queryAwarenessFrame,
  ackStateVectors,
  SyncType,
  syncFrame,
  syncStep1Frame,
  syncStep2Frame,
  updateFrame,
} from "./wire-frames.ts";
export { WireClient } from "./WireClient.ts";
export type { CloseRecord, WireClientOptions, WireFaults } from "./WireClient.ts";
export { createRandom, mulberry32, planSeeds, replayCommand, seededRandom, withReplay } from "./seeded-random.ts";
export type { SeedPlan } from "./seeded-random.ts";
// The suite lives beside the port (see there why); re-exported so tests find it in the one kit.
export { runStoragePortSuite } from "@quire/storage/conformance";
export type { StoragePortFixture, StoragePortSetup, StoragePortSetupOptions } from "@quire/storage/conformance";
export { storedCheckpoints, storedDoc, storedDocNames, storedProvenance, storedRows, storedWorkspaceBytes } from "./stored-doc.ts";
export { httpRequest } from "./http-client.ts";
export type { HttpResult } from "./http-client.ts";
export { WireBytes, describeTotals } from "./wire-bytes.ts";
export type { WireResponse, WireTotals } from "./wire-bytes.ts";
export { runRoomBusSuite } from "./room-bus-suite.ts";
export type { RoomBusFixture, RoomBusSetup } from "./room-bus-suite.ts";
