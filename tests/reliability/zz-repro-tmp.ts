import { RelayProcess } from "@quire/testkit";
import { runWireFuzz } from "./src/scenarios/wire-fuzz.ts";
const relay = await RelayProcess.start({ env: { LOG_LEVEL: "info" } });
try {
  const run = await runWireFuzz(relay, 31337, { frames: 2000, burst: 8 });
  console.log("OK", JSON.stringify(run));
} catch (e) {
  console.log("FAILED", String(e).slice(0, 500));
  console.log(relay.output.split("\n").filter((l) => /error|quarantin|load/.test(l)).slice(-20).join("\n"));
}
await relay.stop({ removeData: false });
console.log("datadir", relay.dataDir);
process.exit(0);
