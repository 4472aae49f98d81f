/**
 * @module lan-names
 * The names students reach this laptop by: every non-internal IPv4 address (Wi-Fi, hotspot,
 * Ethernet), `<hostname>.local` (mDNS), and localhost/127.0.0.1 for the teacher's own
 * browser. A relay bound to one address is reached by that one only (and loopback).
 */
import { hostname, networkInterfaces } from "node:os";

/** IPv4 addresses of the laptop's network interfaces, loopback excluded, sorted. */
export function lanAddresses(host: string): string[] {
  if (host !== "0.0.0.0" && host !== "::") return [host];
  const addresses = new Set<string>();
  for (const list of Object.values(networkInterfaces())) {
    for (const address of list ?? []) {
      if (address.family === "IPv4" && !address.internal) addresses.add(address.address);
    }
  }
  return [...addresses].sort();
}

/** `<hostname>.local`: the mDNS name most laptops answer to (macOS, Windows 10+, avahi). */
export function localHostname(): string {
  const label = hostname().split(".")[0]?.toLowerCase().replace(/[^a-z0-9-]/g, "-") || "quire-hub";
  return `${label}.local`;
}

/** Every name a server certificate for this relay should cover. */
export function certificateNames(host: string): string[] {
  return [...new Set([...lanAddresses(host), localHostname(), "localhost", "127.0.0.1"])];
}
