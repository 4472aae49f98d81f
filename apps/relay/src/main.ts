/**
 * @module main
 * Relay entry point: config from env, start, and a clean shutdown on SIGTERM/SIGINT
 * (sockets closed with 1001, every doc compacted, database closed, exit 0).
 */
import { loadConfig } from "./config.ts";
import { log, setLogLevel } from "./log.ts";
import { RelayServer } from "./RelayServer.ts";
import { lanUrls } from "./hub/lan-url.ts";
import { CA_CERTIFICATE_PATH } from "./lan/ca-certificate-route.ts";
import { qrText } from "./lan/qr-text.ts";

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`quire relay: configuration error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  setLogLevel(config.logLevel);
  const relay = new RelayServer(config);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error("shutdown failed", { error: String(error) });
        process.exit(1);
      },
    );
  };
  // Installed before "listening" is announced: a supervisor (or a test) that sends SIGTERM
  // as soon as it reads that line must get a clean shutdown (WAL checkpoint), not the default
  // action of a signal without a handler, which kills the process on the spot.
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  const { host, port, scheme } = await relay.listen();
  process.stdout.write(`quire relay listening on ${scheme}://${host}:${port}\n`);
  if (config.hub) {
    // What the teacher reads out, writes on the board or shows to be scanned (issue 14:
    // students on the LAN).
    const urls = lanUrls(host, port, scheme);
    process.stdout.write(`classroom hub "${config.hub.name}" for ${config.hub.classes.join(", ")}, replicating to ${config.hub.upstreamUrl}\n`);
    process.stdout.write(urls.length > 0 ? `students open: ${urls.join("  or  ")}\n` : "no network address found: connect the laptop to the class Wi-Fi or start its hotspot\n");
    if (urls[0]) process.stdout.write(`${qrText(urls[0])}\n`);
    if (config.lan.tls.mode === "auto" && urls[0]) {
      process.stdout.write(`devices trust this hub once: install its certificate authority from ${urls[0]}${CA_CERTIFICATE_PATH} (or push it with device management; docs/operations.md)\n`);
    }
  }
  log.info("relay started", { host, port, dataDir: config.dataDir, staticDir: config.staticDir });
}

main().catch((error: unknown) => {
  process.stderr.write(`quire relay failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
