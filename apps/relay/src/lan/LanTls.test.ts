import { createPrivateKey, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { caCertPath, loadOrCreateHubCa } from "./hub-ca.ts";
import { LanTls } from "./LanTls.ts";
import { describeCertificate, issueServerCertificate, needsRenewal } from "./leaf-certificate.ts";

function dataDir(): string {
  return mkdtempSync(join(tmpdir(), "quire-lan-tls-"));
}

describe("LanTls (TLS=auto)", () => {
  it("makes a CA once (key 0600) and a server certificate for the LAN address it signs", () => {
    const dir = dataDir();
    const tls = new LanTls({ mode: "auto" }, dir, "10.20.30.40", "Ms Rao laptop");
    expect(statSync(join(dir, "tls/hub-ca.key")).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "tls/server.key")).mode & 0o777).toBe(0o600);
    const ca = new X509Certificate(readFileSync(caCertPath(dir)));
    const leaf = new X509Certificate(tls.context().cert);
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkIP("10.20.30.40")).toBe("10.20.30.40");
    expect(leaf.checkHost("localhost")).toBe("localhost");
    expect(ca.subject).toContain("Ms Rao laptop");
    expect(tls.caCertificate()).toBe(readFileSync(caCertPath(dir), "utf8"));
    // Restarted: the same CA (devices trust it) and the same certificate (nothing changed).
    const again = new LanTls({ mode: "auto" }, dir, "10.20.30.40", "Ms Rao laptop");
    expect(again.context().cert).toBe(tls.context().cert);
    expect(again.check()).toBe(false);
    // A crash between writing a new key and its certificate: the pair is reissued, not served.
    writeFileSync(join(dir, "tls/server.key"), issueServerCertificate(loadOrCreateHubCa(dir, "x"), ["10.20.30.40"]).keyPem);
    const repaired = new LanTls({ mode: "auto" }, dir, "10.20.30.40", "Ms Rao laptop");
    expect(new X509Certificate(repaired.context().cert).checkPrivateKey(createPrivateKey(repaired.context().key))).toBe(true);
  });

  it("reissues the server certificate when the laptop's address changed, under the same CA", () => {
    const dir = dataDir();
    const first = new LanTls({ mode: "auto" }, dir, "10.20.30.40", "hub").context().cert;
    const caBefore = readFileSync(caCertPath(dir), "utf8");
    const moved = new LanTls({ mode: "auto" }, dir, "192.168.4.7", "hub");
    const leaf = new X509Certificate(moved.context().cert);
    expect(moved.context().cert).not.toBe(first);
    expect(leaf.checkIP("192.168.4.7")).toBe("192.168.4.7");
    expect(leaf.checkIP("10.20.30.40")).toBeUndefined();
    expect(readFileSync(caCertPath(dir), "utf8")).toBe(caBefore);
    expect(leaf.verify(new X509Certificate(caBefore).publicKey)).toBe(true);
  });

  it("renews a certificate close to its expiry, and one with other names", () => {
    const dir = dataDir();
    const ca = loadOrCreateHubCa(dir, "hub");
    const names = ["10.0.0.2", "hub.local"];
    const { certPem } = issueServerCertificate(ca, names);
    expect(describeCertificate(certPem).names.sort()).toEqual(["10.0.0.2", "hub.local"]);
    expect(needsRenewal(certPem, names)).toBe(false);
    expect(needsRenewal(certPem, [...names, "10.0.0.3"])).toBe(true);
    expect(needsRenewal(certPem, names, new Date(Date.now() + 370 * 24 * 60 * 60 * 1000))).toBe(true);
  });
});

describe("LanTls (TLS=files)", () => {
  it("serves the school's files and picks up renewed ones without a restart", () => {
    const dir = dataDir();
    const ca = loadOrCreateHubCa(join(dir, "school"), "school");
    const certFile = join(dir, "hub.crt");
    const keyFile = join(dir, "hub.key");
    const first = issueServerCertificate(ca, ["hub.school.example"]);
    writeFileSync(certFile, first.certPem);
    writeFileSync(keyFile, first.keyPem);
    const tls = new LanTls({ mode: "files", certFile, keyFile }, dir, "0.0.0.0", "hub");
    const seen: string[] = [];
    tls.start((context) => seen.push(context.cert));
    tls.stop();
    expect(tls.context().cert).toBe(first.certPem);
    expect(tls.caCertificate()).toBeNull();
    expect(tls.check()).toBe(false);
    const renewed = issueServerCertificate(ca, ["hub.school.example"]);
    writeFileSync(certFile, renewed.certPem);
    writeFileSync(keyFile, renewed.keyPem);
    // A renewal within the same millisecond as the first write must still be seen.
    const later = new Date(Date.now() + 5_000);
    utimesSync(certFile, later, later);
    expect(tls.check()).toBe(true);
    expect(tls.context()).toEqual({ cert: renewed.certPem, key: renewed.keyPem });
    expect(seen).toEqual([renewed.certPem]);
  });
});
