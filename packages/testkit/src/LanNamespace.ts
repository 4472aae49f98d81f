/**
 * @module LanNamespace
 * A classroom LAN made by the test itself: a network namespace joined to this machine by a
 * veth pair, the machine at `10.<a>.<b>.1`, the namespace at `.2` (issue 14: a hub reached by
 * a non-loopback address, mDNS between processes). A relay started with `wrap: ns.exec` runs
 * inside it; a browser outside reaches it at `ns.address`.
 *
 * Needs root (CAP_NET_ADMIN) and iproute2; `LanNamespace.unavailable()` says why not, so a
 * suite can skip with that message. Only private addresses, only in namespaces made here;
 * `destroy()` deletes the namespace, which deletes both ends of the pair, and every namespace
 * still alive when the process exits is deleted then (a test that died midway leaves nothing).
 * {@link FaultyLink} adds loss, rate caps and cuts on top of one of these.
 *
 * @example
 * const ns = await LanNamespace.create();
 * const relay = await RelayProcess.start({ wrap: ns.exec, host: ns.address, env: { TLS: "auto" } });
 * // … https://${ns.address}:${relay.port}
 * await ns.destroy();
 */
import { execFileSync } from "node:child_process";
import { randomInt } from "node:crypto";

let created = 0;
const live = new Set<LanNamespace>();
let exitHook = false;

function ip(...args: string[]): string {
  return execFileSync("ip", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 10_000 });
}

function stderrOf(error: unknown): string {
  return String((error as { stderr?: string }).stderr || error).trim();
}

export class LanNamespace {
  private constructor(
    /** The namespace's name (for `ip netns exec`). */
    readonly name: string,
    /** This machine's end of the pair. */
    readonly hostAddress: string,
    /** The namespace's address: where a relay inside is reached. */
    readonly address: string,
    /** This machine's end of the pair (a device name). */
    readonly hostDevice: string,
    /** The namespace's end of the pair (a device name inside it). */
    readonly nsDevice: string,
  ) {}

  /** A prefix that runs a command inside the namespace (RelayProcess's `wrap`). */
  get exec(): string[] {
    return ["ip", "netns", "exec", this.name];
  }

  /** Runs `command` inside the namespace. */
  run(command: string, args: readonly string[], input?: string): string {
    return execFileSync("ip", ["netns", "exec", this.name, command, ...args], { encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], timeout: 10_000, ...(input !== undefined ? { input } : {}) });
  }

  /** Null where namespaces work here, else why not (for a clear skip message). */
  static unavailable(): string | null {
    if (process.platform !== "linux") return "network namespaces need Linux";
    if (process.getuid?.() !== 0) return "network namespaces need root (CAP_NET_ADMIN)";
    // Listing is not enough: a container may list namespaces and still refuse to make one.
    const probe = `qprobe${process.pid % 100_000}`;
    try {
      ip("netns", "add", probe);
    } catch (error) {
      return `network namespaces are not permitted here (ip netns add: ${stderrOf(error)})`;
    }
    try {
      ip("netns", "del", probe);
    } catch {}
    return null;
  }

  /** Makes the namespace and the pair; a subnet no interface here uses yet. */
  static async create(): Promise<LanNamespace> {
    return LanNamespace.createNow();
  }

  /** {@link create} without the promise, for callers outside async code. */
  static createNow(): LanNamespace {
    const used = ip("-4", "-o", "addr", "show");
    let subnet = "";
    for (let attempt = 0; attempt < 50 && subnet === ""; attempt++) {
      const candidate = `10.${randomInt(100, 200)}.${randomInt(1, 255)}`;
      if (!used.includes(` ${candidate}.`)) subnet = candidate;
    }
    if (subnet === "") throw new Error("no free 10.x subnet for the test LAN");
    // Interface names are at most 15 characters.
    const tag = `${process.pid % 100_000}x${created++}`;
    const name = `qlan${tag}`;
    const hostDevice = `qlh${tag}`;
    const nsDevice = `qln${tag}`;
    ip("netns", "add", name);
    try {
      ip("link", "add", hostDevice, "type", "veth", "peer", "name", nsDevice);
      ip("link", "set", nsDevice, "netns", name);
      ip("addr", "add", `${subnet}.1/24`, "dev", hostDevice);
      ip("link", "set", hostDevice, "up");
      ip("-n", name, "addr", "add", `${subnet}.2/24`, "dev", nsDevice);
      ip("-n", name, "link", "set", nsDevice, "up");
      ip("-n", name, "link", "set", "lo", "up");
      // A default route through the pair: multicast (mDNS) needs a route to leave by.
      ip("-n", name, "route", "add", "default", "via", `${subnet}.1`);
    } catch (error) {
      new LanNamespace(name, `${subnet}.1`, `${subnet}.2`, hostDevice, nsDevice).destroyNow();
      throw error;
    }
    const lan = new LanNamespace(name, `${subnet}.1`, `${subnet}.2`, hostDevice, nsDevice);
    live.add(lan);
    if (!exitHook) {
      exitHook = true;
      process.once("exit", () => {
        for (const left of live) left.destroyNow();
      });
    }
    return lan;
  }

  /** Deletes the namespace (and with it both ends of the pair); safe to call twice. */
  async destroy(): Promise<void> {
    this.destroyNow();
  }

  /** {@link destroy} without the promise (exit hooks, sync callers). */
  destroyNow(): void {
    live.delete(this);
    try {
      ip("netns", "del", this.name);
    } catch {
      // Already gone.
    }
    try {
      ip("link", "del", this.hostDevice);
    } catch {
      // Deleted with its peer, as expected.
    }
  }
}
