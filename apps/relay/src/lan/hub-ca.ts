/**
 * @module hub-ca
 * The relay's own certificate authority for `TLS=auto` (issue 14, item 4): made once, on
 * first start, in `DATA_DIR/tls/` — `hub-ca.key` (0600, never leaves the laptop) and
 * `hub-ca.crt` (public: what device management pushes, or a student installs from
 * `/quire-hub-ca.crt`). Its name carries the hub's name and a random id so two hubs' CAs are
 * told apart in a device's certificate list.
 *
 * Invariants: the key file is written 0600 before the certificate that names it, so a crash
 * between the two leaves a key without a certificate (made again), never a certificate whose
 * key is lost; an existing CA is never replaced (devices trust it).
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import forge from "node-forge";
import { generateRsaKeyPair, signCertificate } from "./rsa-key.ts";

/** A CA lives ten years: devices trust it once, for the laptop's life. */
const CA_VALIDITY_YEARS = 10;

export interface CertificateAuthority {
  certPem: string;
  keyPem: string;
}

export function tlsDir(dataDir: string): string {
  return join(dataDir, "tls");
}

export function caCertPath(dataDir: string): string {
  return join(tlsDir(dataDir), "hub-ca.crt");
}

function caKeyPath(dataDir: string): string {
  return join(tlsDir(dataDir), "hub-ca.key");
}

/** Writes `text` readable by the owner only (mode set again: umask or an older file). */
export function writePrivate(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** The data dir's CA, made on first call. */
export function loadOrCreateHubCa(dataDir: string, name: string, now = new Date()): CertificateAuthority {
  const certFile = caCertPath(dataDir);
  const keyFile = caKeyPath(dataDir);
  if (existsSync(certFile) && existsSync(keyFile)) {
    const ca = { certPem: readFileSync(certFile, "utf8"), keyPem: readFileSync(keyFile, "utf8") };
    // A copy restored from a backup may have lost its mode: the key stays private.
    chmodSync(keyFile, 0o600);
    return ca;
  }
  mkdirSync(tlsDir(dataDir), { recursive: true, mode: 0o700 });
  const keys = generateRsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${randomBytes(15).toString("hex")}`;
  cert.validity.notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now.getTime());
  cert.validity.notAfter.setFullYear(now.getFullYear() + CA_VALIDITY_YEARS);
  const subject = [
    { name: "commonName", value: `Quire hub CA ${name} ${randomBytes(4).toString("hex")}`.slice(0, 64) },
    { name: "organizationName", value: "Quire classroom hub" },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    // pathlen 0: this CA signs the hub's server certificates, never another CA.
    { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  signCertificate(cert, keys.privateKeyPem);
  const ca = { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
  writePrivate(keyFile, ca.keyPem);
  writeFileSync(certFile, ca.certPem);
  return ca;
}
