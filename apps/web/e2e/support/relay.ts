/**
 * @module relay
 * A real relay process serving the built web app (apps/web/dist), as `npm start` does.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RelayProcess } from "@quire/testkit";

export const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist");

/** `env` adds to the relay's environment (limits and the like); STATIC_DIR is always the app. */
export async function startRelayWithApp(env: Record<string, string> = {}): Promise<RelayProcess> {
  if (!existsSync(resolve(WEB_DIST, "index.html")) || !existsSync(resolve(WEB_DIST, "sw.js"))) {
    throw new Error(`${WEB_DIST} has no built app: run \`pnpm --filter @quire/web build\` (npm test does)`);
  }
  return RelayProcess.start({ env: { ...env, STATIC_DIR: WEB_DIST } });
}
