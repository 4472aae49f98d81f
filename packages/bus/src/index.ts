export { InProcessBus } from "./InProcessBus.ts";
export type { InProcessBusOptions } from "./InProcessBus.ts";
export type { BusHandler, BusMessage, BusMessageKind, RoomBus } from "./RoomBus.ts";
