/**
 * @module MdnsAnnouncer
 * Announces the relay on the LAN with mDNS/DNS-SD (RFC 6762/6763) as `_quire._tcp` (issue 14,
 * item 1): a teacher's tool or a student's app on the class Wi-Fi finds the hub by browsing
 * for that type, with its port and TXT `scheme` (https when TLS is on) and `path=/`. Pure JS
 * (bonjour-service on multicast-dns): nothing to install on the laptop.
 *
 * Multicast can be unavailable (no interface up, a hotspot that filters it): the relay logs
 * that and keeps serving, since students can still type or scan the printed URL.
 */
import { Bonjour, type Service } from "bonjour-service";
import { log } from "../log.ts";

export const MDNS_SERVICE_TYPE = "quire";

export interface Announcement {
  /** The instance name browsers list, e.g. the hub's name ("Ms Rao laptop"). */
  name: string;
  port: number;
  scheme: "http" | "https";
}

export class MdnsAnnouncer {
  private bonjour: Bonjour | null = null;
  private service: Service | null = null;

  start(announcement: Announcement): void {
    try {
      this.bonjour = new Bonjour({}, (error: unknown) => log.warn("mDNS unavailable", { error: String(error) }));
      // DNS-SD instance names are at most 63 bytes (RFC 6763 §4.1.1).
      const name = Buffer.from(announcement.name).subarray(0, 63).toString().replace(/\uFFFD+$/, "");
      this.service = this.bonjour.publish({
        name,
        type: MDNS_SERVICE_TYPE,
        port: announcement.port,
        txt: { scheme: announcement.scheme, path: "/" },
        // IPv4 only: the printed URLs and the certificate's addresses are IPv4.
        disableIPv6: true,
      });
      this.service.on("error", (error: unknown) => log.warn("mDNS announcement failed", { error: String(error) }));
    } catch (error) {
      log.warn("mDNS unavailable", { error: String(error) });
    }
  }

  /** Says goodbye on the LAN (TTL 0 records) so browsers drop the hub at once. */
  stop(): Promise<void> {
    const bonjour = this.bonjour;
    this.bonjour = null;
    if (!bonjour) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 1_000);
      timer.unref();
      bonjour.unpublishAll(() => {
        bonjour.destroy();
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
