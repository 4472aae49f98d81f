/**
 * @module FaultyLink
 * A real, bad network link for fault tests (issue 14: "the hub ↔ upstream link through a real
 * network namespace and veth pair set up by the test itself"): a {@link LanNamespace} (the
 * namespace, the veth pair, private addresses, clean-up on exit) whose link can be made bad.
 * A relay started inside the namespace is reachable from outside only through the link, so its
 * faults are real TCP's problem:
 *
 * - loss: nftables `numgen random mod 10 < N drop` on the namespace's input and output (this
 *   kernel has no netem);
 * - rate: `tc qdisc … tbf` on both ends' egress;
 * - cut: `ip link set <host end> down` (both ends lose carrier), restore: up.
 *
 * Needs root (CAP_NET_ADMIN), iproute2 and nftables. {@link FaultyLink.unavailable} says why a
 * machine cannot, so a test skips with that message instead of failing.
 */
import { execFileSync } from "node:child_process";
import { LanNamespace } from "./LanNamespace.ts";

function run(command: string, args: readonly string[]): string {
  return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 10_000 });
}

export class FaultyLink {
  private constructor(private readonly lan: LanNamespace) {}

  /** The namespace's name (for `ip netns exec`). */
  get ns(): string {
    return this.lan.name;
  }

  /** Address of the test's (host) end. */
  get hostIp(): string {
    return this.lan.hostAddress;
  }

  /** Address of the namespace's end: what a relay inside listens on. */
  get nsIp(): string {
    return this.lan.address;
  }

  /** Why namespaces cannot be made here (not root, no iproute2 or nftables), or null when they can. */
  static unavailable(): string | null {
    const why = LanNamespace.unavailable();
    if (why !== null) return why;
    let lan: LanNamespace | null = null;
    try {
      lan = LanNamespace.createNow();
      lan.run("nft", ["list", "tables"]);
      lan.run("tc", ["qdisc", "show"]);
      return null;
    } catch (error) {
      return `nftables or tc is missing (apt-get install -y nftables iproute2): ${String((error as { stderr?: string }).stderr || error).trim()}`;
    } finally {
      lan?.destroyNow();
    }
  }

  /** Makes the namespace and the link (up, clean). Throws when it cannot (see {@link unavailable}). */
  static create(): FaultyLink {
    return new FaultyLink(LanNamespace.createNow());
  }

  /** Drops `tenths`/10 of the packets each way (0 lifts it). nftables' numgen gives tenths. */
  setLoss(tenths: number): void {
    if (!Number.isInteger(tenths) || tenths < 0 || tenths > 10) throw new Error(`loss in tenths 0..10, got ${tenths}`);
    try {
      this.lan.run("nft", ["delete", "table", "inet", "quirefault"]);
    } catch {}
    if (tenths === 0) return;
    const rule = `numgen random mod 10 < ${tenths} drop`;
    this.lan.run(
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
      [false, this.lan.hostDevice],
      [true, this.lan.nsDevice],
    ] as const) {
      const args = kbit > 0 ? ["qdisc", "replace", "dev", dev, "root", "tbf", "rate", `${kbit}kbit`, "burst", "32kbit", "latency", "400ms"] : ["qdisc", "del", "dev", dev, "root"];
      try {
        if (inside) this.lan.run("tc", args);
        else run("tc", args);
      } catch (error) {
        if (kbit > 0) throw error; // Lifting a cap that was never set is fine.
      }
    }
  }

  /** Cuts the link (carrier lost on both ends); packets in flight are gone. */
  cut(): void {
    run("ip", ["link", "set", this.lan.hostDevice, "down"]);
  }

  restore(): void {
    run("ip", ["link", "set", this.lan.hostDevice, "up"]);
  }

  /** Removes the namespace (and with it both ends of the pair); safe to call twice. */
  destroy(): void {
    this.lan.destroyNow();
  }
}
