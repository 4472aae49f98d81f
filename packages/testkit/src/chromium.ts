/**
 * @module chromium
 * The one way Quire's tests and benchmarks start a browser: the machine's headless Chromium
 * (Debian's /usr/bin/chromium, or CHROMIUM_PATH) through playwright-core, whose own browser
 * download does not work on these machines. The background-networking flags stop Chromium
 * from flooding the closed network with update and metrics connections (TOOLCHAIN.md).
 *
 * Sandbox: Chromium refuses to start its sandbox as root, and the test machines and CI
 * containers run as root without the user namespaces the sandbox needs, so the default is
 * `--no-sandbox`. `CHROMIUM_SANDBOX=1` (or `sandbox: true`) keeps the sandbox where a normal
 * user can run it — never as root, where Chromium would only exit.
 *
 * @example
 * const browser = await launchChromium();
 * const context = await browser.newContext({ ...contextOptions(PHONE), baseURL: relay.httpUrl });
 */
import { existsSync } from "node:fs";
import { type Browser, chromium, type LaunchOptions } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** False where no Chromium is installed: browser suites skip rather than fail. */
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

/** Flags every launch uses (the sandbox flag is added by `chromiumArgs`). */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface ChromiumOptions {
  /** Run with Chromium's sandbox; default only when CHROMIUM_SANDBOX=1 and not root. */
  sandbox?: boolean;
  /** Extra flags, after the standard ones. */
  args?: string[];
  /** Other playwright launch options (slowMo, timeout…); executablePath and args are the kit's. */
  launch?: Omit<LaunchOptions, "executablePath" | "args">;
}

function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The full argument list for a launch with `options`. */
export function chromiumArgs(options: ChromiumOptions = {}): string[] {
  const sandbox = (options.sandbox ?? process.env.CHROMIUM_SANDBOX === "1") && !runningAsRoot();
  return [...CHROMIUM_ARGS, ...(sandbox ? [] : ["--no-sandbox"]), ...(options.args ?? [])];
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  if (!chromiumAvailable) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  }
  return chromium.launch({ ...options.launch, executablePath: CHROMIUM_PATH, args: chromiumArgs(options) });
}

/** A browser launched by `useChromium()`: valid inside tests and hooks registered after it. */
export interface ChromiumFixture {
  readonly browser: Browser;
  newContext: Browser["newContext"];
}

/**
 * Launches one Chromium before the enclosing file/describe and closes it after. `skip: true`
 * (e.g. no Chromium or no built app) launches nothing; the tests are expected to skip too.
 */
export function useChromium(options: ChromiumOptions & { skip?: boolean } = {}): ChromiumFixture {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!options.skip) browser = await launchChromium(options);
  });
  afterAll(async () => {
    await browser?.close();
  });
  const started = (): Browser => {
    if (!browser) throw new Error("useChromium(): the browser is not launched — use it inside a test, after beforeAll");
    return browser;
  };
  return {
    get browser() {
      return started();
    },
    newContext: (...args) => started().newContext(...args),
  };
}
