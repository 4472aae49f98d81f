import { InProcessBus } from "@quire/bus";
import { runRoomBusSuite } from "./room-bus-suite.ts";

// The default bus passes the contract every bus must keep.
runRoomBusSuite(() => {
  const bus = new InProcessBus();
  return { node: () => bus.node(), teardown: () => {} };
});
