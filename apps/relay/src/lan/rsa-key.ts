/**
 * @module rsa-key
 * RSA keys and certificate signatures through Node's native crypto (OpenSSL); node-forge only
 * builds the certificate's fields. forge's own key generator and signer run in JavaScript and
 * took seconds on a loaded 2-core machine; OpenSSL takes milliseconds.
 */
import { generateKeyPairSync, sign } from "node:crypto";
import forge from "node-forge";

export interface RsaKeyPair {
  /** PKCS#1 PEM, as written to DATA_DIR/tls. */
  privateKeyPem: string;
  publicKey: forge.pki.rsa.PublicKey;
}

export function generateRsaKeyPair(): RsaKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return { privateKeyPem: privateKey, publicKey: forge.pki.publicKeyFromPem(publicKey) };
}

/** Signs `cert` (sha256WithRSAEncryption) with the PEM private key, natively. */
export function signCertificate(cert: forge.pki.Certificate, privateKeyPem: string): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption as string;
  // forge's own sign() would set these two before serializing the to-be-signed part.
  cert.signatureOid = oid;
  (cert as unknown as { siginfo: { algorithmOid: string } }).siginfo.algorithmOid = oid;
  // getTBSCertificate is part of forge's pki API but missing from @types/node-forge.
  const pki = forge.pki as unknown as { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 };
  const tbs = Buffer.from(forge.asn1.toDer(pki.getTBSCertificate(cert)).getBytes(), "binary");
  cert.signature = sign("sha256", tbs, privateKeyPem).toString("binary");
}
