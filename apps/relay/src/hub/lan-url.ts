/**
 * @module lan-url
 * The addresses students type (or scan) to reach a hub on the classroom LAN: the relay's port
 * on every non-internal IPv4 address of the laptop (Wi-Fi, hotspot, Ethernet). Printed on
 * start in hub mode (issue 14, item 1). A relay bound to one address prints only that one.
 */
import { networkInterfaces } from "node:os";

export function lanUrls(host: string, port: number): string[] {
  if (host !== "0.0.0.0" && host !== "::") return [`http://${host}:${port}`];
  const urls: string[] = [];
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === "IPv4" && !address.internal) urls.push(`http://${address.address}:${port}`);
    }
  }
  return urls;
}
