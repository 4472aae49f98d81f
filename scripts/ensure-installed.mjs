#!/usr/bin/env node
/**
 * Installs whatever is missing so that `npm start` and `npm test` work on a fresh clone:
 * pnpm (pinned), the workspace's dependencies (frozen lockfile; better-sqlite3 compiles
 * from source against the system Node headers) and, with --browser, Debian's Chromium for
 * the end-to-end tests. Cheap when everything is already there.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const quiet = process.argv.includes("--quiet");
const wantBrowser = process.argv.includes("--browser");
const PNPM_VERSION = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager.split("@")[1];
const log = (message) => {
  if (!quiet) console.error(`[setup] ${message}`);
};

function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) {
    console.error(`[setup] failed: ${command} ${args.join(" ")} (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

function pnpmVersion() {
  try {
    return execFileSync("pnpm", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

// 1. pnpm, pinned: newer releases may refuse this lockfile; corepack cannot verify signatures here.
if (pnpmVersion() !== PNPM_VERSION) {
  log(`installing pnpm@${PNPM_VERSION} with npm`);
  run("npm", ["install", "--global", "--save-exact", `pnpm@${PNPM_VERSION}`]);
}

// 2. Workspace dependencies, when node_modules is missing or older than the lockfile.
const marker = join(root, "node_modules", ".modules.yaml");
const lock = join(root, "pnpm-lock.yaml");
const needInstall = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs || !sqliteBuilt();
if (needInstall) {
  log("installing dependencies (first run compiles better-sqlite3, about 90 s)");
  // node-gyp would otherwise try to download Node headers, which this network refuses.
  const nodedir = existsSync("/usr/include/node/node.h") ? { npm_config_nodedir: "/usr" } : {};
  run("pnpm", ["install", "--frozen-lockfile"], { ...nodedir, TURBO_TELEMETRY_DISABLED: "1" });
  if (!sqliteBuilt()) run("pnpm", ["--filter", "@quire/relay", "rebuild", "better-sqlite3"], nodedir);
}

// 3. Chromium for end-to-end tests (test tools' own browser downloads fail on this network).
if (wantBrowser && !existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) {
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    log("installing Debian's chromium for the end-to-end tests");
    run("apt-get", ["update", "-q"]);
    run("apt-get", ["install", "-y", "-q", "chromium"], { DEBIAN_FRONTEND: "noninteractive" });
  } else {
    console.error("[setup] Chromium is missing: install it (apt-get install chromium) or set CHROMIUM_PATH");
    process.exit(1);
  }
}

// 4. certutil (libnss3-tools): the LAN e2e trusts a classroom hub's CA in Chromium's NSS
// database, as device management would (apps/web/e2e/lan-secure-context.test.ts). Optional:
// without it (or without root) that test skips and says why.
if (wantBrowser && !existsSync("/usr/bin/certutil") && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
  log("installing certutil (libnss3-tools) for the LAN end-to-end test");
  const apt = (args) => spawnSync("apt-get", args, { stdio: quiet ? "ignore" : "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
  // A machine whose Chromium came with it may have no package lists yet: update, then retry.
  const installed = apt(["install", "-y", "-q", "libnss3-tools"]) || (apt(["update", "-q"]) && apt(["install", "-y", "-q", "libnss3-tools"]));
  if (!installed) console.error("[setup] certutil not installed: the LAN end-to-end test will skip");
}

function sqliteBuilt() {
  const dir = join(root, "node_modules", ".pnpm");
  if (!existsSync(dir)) return false;
  const spawned = spawnSync(process.execPath, ["-e", "require('better-sqlite3')(':memory:').close()"], {
    cwd: join(root, "apps", "relay"),
    stdio: "ignore",
  });
  return spawned.status === 0;
}
