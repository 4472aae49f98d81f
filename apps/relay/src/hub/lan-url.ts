/**
 * @module lan-url
 * The addresses students type (or scan) to reach a hub on the classroom LAN: the relay's port
 * on every non-internal IPv4 address of the laptop (Wi-Fi, hotspot, Ethernet). Printed on
 * start in hub mode (issue 14, item 1). A relay bound to one address prints only that one.
 */
import { lanAddresses } from "../lan/lan-names.ts";

export function lanUrls(host: string, port: number, scheme: "http" | "https" = "http"): string[] {
  return lanAddresses(host).map((address) => `${scheme}://${address}:${port}`);
}
