/**
 * @module FaultyLink
 * A real, bad network link for fault tests (issue 14: "the hub ↔ upstream link through a real
 * network namespace and veth pair set up by the test itself"). Creates a network namespace
 * and a veth pair between it and the test's own namespace, with private /30 addresses used
 * only on that pair; a relay started inside the namespace (RelayProcess `netns`) is reachable
 * from outside only through the link, so its faults are real TCP's problem:
 *
 * - loss: nftables `numgen random mod 10 < N drop` on the namespace's input and output (this
 *   kernel has no netem);
 * - rate: `tc qdisc … tbf` on both ends' egress;
 * - cut: `ip link set <host end> down` (both ends lose carrier), restore: up.
 *
 * Needs root (CAP_NET_ADMIN), iproute2 and nftables. {@link FaultyLink.unavailable} says why a
 * machine cannot, so a test skips with that message instead of failing. Everything it made is
 * removed by {@link FaultyLink.destroy}, and on process exit if a test died before.
 */
import { execFileSync } from "node:child_process";
import { randomInt } from "node:crypto";

const live = new Set<FaultyLink>();
let exitHook = false;

function run(command: string, args: readonly string[], input?: string): string {
  return execFileSync(command, args, { encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], timeout: 10_000, ...(input !== undefined ? { input } : {}) });
}

export class FaultyLink {
  /** The namespace's name (for `ip netns exec`). */
  readonly ns: string;
  /** Address of the test's (host) end. */
  readonly hostIp: string;
  /** Address of the namespace's end: what a relay inside listens on. */
  readonly nsIp: string;
  private readonly hostDev: string;
  private readonly nsDev: string;
  private destroyed = false;

  private constructor(tag: string, subnet: number) {
    this.ns = `quire-fl-${tag}`;
    this.hostDev = `qfh${tag}`;
    this.nsDev = `qfn${tag}`;
    // 10.213.x.y/30 pairs: private, and only ever configured on this pair.
    const base = subnet * 4;
    this.hostIp = `10.213.${base >> 8}.${(base & 0xff) + 1}`;
    this.nsIp = `10.213.${base >> 8}.${(base & 0xff) + 2}`;
  }

  /** Why namespaces cannot be made here (not root, no iproute2 or nftables), or null when they can. */
  static unavailable(): string | null {
    const probe = `quire-fl-probe${process.pid}`;
    try {
      run("ip", ["netns", "add", probe]);
    } catch (error) {
      return `network namespaces are not permitted here (ip netns add: ${String((error as { stderr?: string }).stderr ?? error).trim()})`;
    }
    try {
      run("ip", ["netns", "exec", probe, "nft", "list", "tables"]);
      run("ip", ["netns", "exec", probe, "tc", "qdisc", "show"]);
      return null;
    } catch (error) {
      return `nftables or tc is missing (apt-get install -y nftables iproute2): ${String((error as { stderr?: string }).stderr ?? error).trim()}`;
    } finally {
      try {
        run("ip", ["netns", "del", probe]);
      } catch {}
    }
  }

  /** Makes the namespace and the link (up, clean). Throws when it cannot (see {@link unavailable}). */
  static create(): FaultyLink {
    const link = new FaultyLink(`${process.pid % 10_000}${randomInt(100)}`, randomInt(16_000));
    live.add(link);
    if (!exitHook) {
      exitHook = true;
      process.once("exit", () => {
        for (const l of live) l.destroy();
      });
    }
    try {
      run("ip", ["netns", "add", link.ns]);
      run("ip", ["link", "add", link.hostDev, "type", "veth", "peer", "name", link.nsDev]);
      run("ip", ["link", "set", link.nsDev, "netns", link.ns]);
      run("ip", ["addr", "add", `${link.hostIp}/30`, "dev", link.hostDev]);
      run("ip", ["link", "set", link.hostDev, "up"]);
      link.inNs("ip", ["addr", "add", `${link.nsIp}/30`, "dev", link.nsDev]);
      link.inNs("ip", ["link", "set", link.nsDev, "up"]);
      link.inNs("ip", ["link", "set", "lo", "up"]);
    } catch (error) {
      link.destroy();
      throw error;
    }
    return link;
  }

  /** Drops `tenths`/10 of the packets each way (0 lifts it). nftables' numgen gives tenths. */
  setLoss(tenths: number): void {
    if (!Number.isInteger(tenths) || tenths < 0 || tenths > 10) throw new Error(`loss in tenths 0..10, got ${tenths}`);
    try {
      this.inNs("nft", ["delete", "table", "inet", "quirefault"]);
    } catch {}
    if (tenths === 0) return;
    const rule = `numgen random mod 10 < ${tenths} drop`;
    this.inNs(
      "nft",
      ["-f", "-"],
      `table inet quirefault {
  chain in { type filter hook input priority 0; policy accept; ${rule}; }
  chain out { type filter hook output priority 0; policy accept; ${rule}; }
}
`,
    );
  }

  /** Caps both directions at `kbit` kbit/s with a token bucket (0 lifts it). */
  setRate(kbit: number): void {
    for (const [inside, dev] of [
      [false, this.hostDev],
      [true, this.nsDev],
    ] as const) {
      const args = kbit > 0 ? ["qdisc", "replace", "dev", dev, "root", "tbf", "rate", `${kbit}kbit`, "burst", "32kbit", "latency", "400ms"] : ["qdisc", "del", "dev", dev, "root"];
      try {
        if (inside) this.inNs("tc", args);
        else run("tc", args);
      } catch (error) {
        if (kbit > 0) throw error; // Lifting a cap that was never set is fine.
      }
    }
  }

  /** Cuts the link (carrier lost on both ends); packets in flight are gone. */
  cut(): void {
    run("ip", ["link", "set", this.hostDev, "down"]);
  }

  restore(): void {
    run("ip", ["link", "set", this.hostDev, "up"]);
  }

  /** Removes the namespace (and with it both ends of the pair); safe to call twice. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    live.delete(this);
    for (const [command, args] of [
      ["ip", ["netns", "del", this.ns]],
      ["ip", ["link", "del", this.hostDev]],
    ] as const) {
      try {
        run(command, args);
      } catch {}
    }
  }

  private inNs(command: string, args: readonly string[], input?: string): string {
    return run("ip", ["netns", "exec", this.ns, command, ...args], input);
  }
}
