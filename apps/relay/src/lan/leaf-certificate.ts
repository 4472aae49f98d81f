/**
 * @module leaf-certificate
 * The server certificate a `TLS=auto` relay presents: signed by its own CA (hub-ca.ts), for
 * the names students reach it by — every LAN IPv4 address, `<hostname>.local` (mDNS), and
 * localhost/127.0.0.1 for the teacher's own browser. Reissued when that set changes (the
 * laptop joined another Wi-Fi) or 30 days before it expires.
 *
 * Validity 397 days: the longest Chromium and Safari accept for a server certificate
 * (CA/Browser Forum; Apple refuses longer ones even from a locally trusted CA).
 */
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import forge from "node-forge";
import { generateRsaKeyPair, signCertificate } from "./rsa-key.ts";
import type { CertificateAuthority } from "./hub-ca.ts";

const LEAF_VALIDITY_DAYS = 397;
/** Renewed this long before it expires: a laptop that sleeps over a holiday still renews in time. */
export const LEAF_RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
}

/** Signs a server certificate for `names` (IP addresses and DNS names). */
export function issueServerCertificate(ca: CertificateAuthority, names: readonly string[], now = new Date()): ServerCertificate {
  if (names.length === 0) throw new Error("a server certificate needs at least one name");
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const keys = generateRsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `02${randomBytes(15).toString("hex")}`;
  // An hour back: a student's tablet whose clock is a little behind still accepts it.
  cert.validity.notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + LEAF_VALIDITY_DAYS * 24 * 60 * 60 * 1000 - 2 * 60 * 60 * 1000);
  cert.setSubject([{ name: "commonName", value: names[0]!.slice(0, 64) }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    // Browsers read only the subjectAltName, never the common name.
    { name: "subjectAltName", altNames: names.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name })) },
    { name: "subjectKeyIdentifier" },
    { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  signCertificate(cert, ca.keyPem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

/** The names a certificate covers (its subjectAltName) and when it expires. */
export function describeCertificate(certPem: string): { names: string[]; notAfter: Date } {
  const cert = forge.pki.certificateFromPem(certPem);
  const san = cert.getExtension("subjectAltName") as { altNames?: { type: number; value?: string; ip?: string }[] } | null;
  const names = (san?.altNames ?? []).map((alt) => (alt.type === 7 ? (alt.ip ?? "") : (alt.value ?? ""))).filter((name) => name !== "");
  return { names, notAfter: cert.validity.notAfter };
}

/** True when `certPem` does not cover exactly `names` or expires within the renewal window. */
export function needsRenewal(certPem: string, names: readonly string[], now = new Date()): boolean {
  const current = describeCertificate(certPem);
  const want = [...names].sort().join(",");
  return current.names.sort().join(",") !== want || current.notAfter.getTime() - now.getTime() < LEAF_RENEW_BEFORE_MS;
}
