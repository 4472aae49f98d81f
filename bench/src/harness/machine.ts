/**
 * @module machine
 * What the figures were measured on: every table in docs/benchmarks.md is only comparable
 * within one run on one machine, so the report names the machine and every version.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, totalmem } from "node:os";

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  versions: Record<string, string>;
}

const require = createRequire(import.meta.url);
const PACKAGES = ["yjs", "y-protocols", "y-websocket", "@y/websocket-server", "@hocuspocus/server", "y-leveldb", "y-indexeddb", "fake-indexeddb", "better-sqlite3", "ws", "playwright-core"];

/** Version of an installed package, read from its package.json (not from our ranges). */
export function packageVersion(name: string): string {
  try {
    const entry = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(entry, "utf8")) as { version: string }).version;
  } catch {
    // Some packages do not export ./package.json; walk up from their entry point instead.
    try {
      let dir = require.resolve(name);
      for (let i = 0; i < 6; i++) {
        dir = dir.slice(0, dir.lastIndexOf("/"));
        try {
          const pkg = JSON.parse(readFileSync(`${dir}/package.json`, "utf8")) as { name?: string; version?: string };
          if (pkg.name === name && pkg.version) return pkg.version;
        } catch {
          // keep walking up
        }
      }
    } catch {
      // not installed
    }
    return "not installed";
  }
}

export function machineInfo(): MachineInfo {
  const cpu = cpus();
  let os = `${process.platform} ${process.arch}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)/m.exec(readFileSync("/etc/os-release", "utf8"));
    if (pretty?.[1]) os = `${pretty[1]} (${process.arch})`;
  } catch {
    // not Linux; keep platform/arch
  }
  const versions: Record<string, string> = { "quire relay": relayBuild() };
  for (const name of PACKAGES) versions[name] = packageVersion(name);
  return {
    cpuModel: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os,
    versions,
  };
}

/** Which relay was measured: last commit touching apps/relay and when dist/main.js was built. */
function relayBuild(): string {
  const root = new URL("../../../", import.meta.url).pathname;
  try {
    const commit = execFileSync("git", ["log", "-1", "--format=%h", "--", "apps/relay"], { cwd: root, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "apps/relay/src"], { cwd: root, encoding: "utf8" }).trim() !== "";
    const built = statSync(`${root}apps/relay/dist/main.js`).mtime.toISOString().slice(0, 16);
    return `${commit}${dirty ? "+uncommitted" : ""} (built ${built}Z)`;
  } catch {
    return "unknown";
  }
}
