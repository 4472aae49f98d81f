/**
 * @module LanTls
 * The key and certificate the relay's HTTPS server presents, kept current while it runs:
 * `TLS=auto` reissues its own server certificate (leaf-certificate.ts) when the laptop's LAN
 * addresses change or it nears expiry; `TLS=files` re-reads a school's certificate files when
 * they change (an ACME client renewing them). Either way the running server gets the new
 * context (`setSecureContext`) without a restart, so open sockets stay up.
 *
 * Files (TLS=auto): `DATA_DIR/tls/server.crt` and `server.key` (0600) beside the CA.
 */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { log } from "../log.ts";
import { caCertPath, loadOrCreateHubCa, tlsDir, writePrivate } from "./hub-ca.ts";
import { certificateNames } from "./lan-names.ts";
import { issueServerCertificate, needsRenewal } from "./leaf-certificate.ts";
import type { TlsConfig } from "./tls-config.ts";

/** How often the addresses (auto) or the files' times (files) are checked: a minute, cheap. */
export const TLS_CHECK_INTERVAL_MS = 60_000;

export interface KeyAndCert {
  key: string;
  cert: string;
}

export class LanTls {
  private current: KeyAndCert;
  private stamp = "";
  private timer: NodeJS.Timeout | null = null;
  private listener: ((context: KeyAndCert) => void) | null = null;

  constructor(
    private readonly config: Exclude<TlsConfig, { mode: "off" }>,
    private readonly dataDir: string,
    private readonly host: string,
    private readonly hubName: string,
  ) {
    this.current = this.load();
  }

  /** The key and certificate to serve now. */
  context(): KeyAndCert {
    return this.current;
  }

  /** The CA certificate devices install (TLS=auto only). */
  caCertificate(): string | null {
    return this.config.mode === "auto" ? readFileSync(caCertPath(this.dataDir), "utf8") : null;
  }

  /** Checks every TLS_CHECK_INTERVAL_MS; `onChange` gets each new context. */
  start(onChange: (context: KeyAndCert) => void): void {
    this.listener = onChange;
    this.timer = setInterval(() => this.check(), TLS_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reloads or reissues if needed; returns true when the context changed. */
  check(): boolean {
    const before = this.stamp;
    try {
      const next = this.load();
      if (this.stamp === before) return false;
      // A key that does not match its certificate (a renewal half-written) throws here.
      this.listener?.(next);
      this.current = next;
      log.info("TLS certificate replaced", { mode: this.config.mode });
      return true;
    } catch (error) {
      // Tried again at the next check, even if the files do not change again.
      this.stamp = before;
      // Keep serving the last good certificate: a half-written file must not take the LAN down.
      log.warn("TLS certificate check failed", { error: String(error) });
      return false;
    }
  }

  private load(): KeyAndCert {
    if (this.config.mode === "files") {
      const { certFile, keyFile } = this.config;
      this.stamp = `${statSync(certFile).mtimeMs}:${statSync(keyFile).mtimeMs}`;
      return { cert: readFileSync(certFile, "utf8"), key: readFileSync(keyFile, "utf8") };
    }
    const ca = loadOrCreateHubCa(this.dataDir, this.hubName);
    const certFile = join(tlsDir(this.dataDir), "server.crt");
    const keyFile = join(tlsDir(this.dataDir), "server.key");
    const names = certificateNames(this.host);
    if (existsSync(certFile) && existsSync(keyFile)) {
      const cert = readFileSync(certFile, "utf8");
      const key = readFileSync(keyFile, "utf8");
      // The key is written before the certificate: a crash between the two leaves a pair that
      // does not match, which is reissued rather than served.
      if (!needsRenewal(cert, names) && new X509Certificate(cert).checkPrivateKey(createPrivateKey(key))) {
        this.stamp = cert;
        return { cert, key };
      }
    }
    const issued = issueServerCertificate(ca, names);
    writePrivate(keyFile, issued.keyPem);
    writeFileSync(certFile, issued.certPem);
    log.info("TLS server certificate issued", { names: names.join(" ") });
    this.stamp = issued.certPem;
    return { cert: issued.certPem, key: issued.keyPem };
  }
}
