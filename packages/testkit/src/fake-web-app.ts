/**
 * @module fake-web-app
 * A stand-in for the built web app (apps/web/dist) for relay tests of static serving: the
 * shell, the service worker and whatever extra files a test names, in a temp dir the relay
 * gets as STATIC_DIR. Real-app tests (e2e) serve the real build instead.
 *
 * @example
 * const webApp = useFakeWebApps();
 * const relay = await relays.start({ env: { STATIC_DIR: webApp({ "assets/app-abc123.js": "console.log('app');" }) } });
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";

export const FAKE_INDEX_HTML = "<!doctype html><title>Quire</title><div id=root></div>";
export const FAKE_SERVICE_WORKER = "self.addEventListener('install', () => {});";

/** Returns a maker of fake app dirs; every dir it made is removed after the file/describe. */
export function useFakeWebApps(): (extra?: Record<string, string | Uint8Array>) => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (extra = {}) => {
    const dir = mkdtempSync(join(tmpdir(), "quire-web-"));
    dirs.push(dir);
    const files = { "index.html": FAKE_INDEX_HTML, "sw.js": FAKE_SERVICE_WORKER, ...extra };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return dir;
  };
}
