/**
 * @module signature
 * Ed25519 signatures over a sync file's manifest (which covers every payload by SHA-256).
 * A relay signs with its token key ring's current key (the seed is the JWK's `d`), a browser
 * with a per-device key it keeps; a key is named by its RFC 7638 thumbprint, the same `kid`
 * the relay's JWKS publishes, so a verifier can tell "signed by the school relay" from
 * "signed by a device I have never seen".
 *
 * @noble/curves rather than crypto.subtle: WebCrypto is missing outside a secure context
 * (a hub's plain-http LAN address, issue 14 item 4), and Node 20's Ed25519 there is experimental.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { concatBytes, fromBase64Url, sha256Bytes, toBase64Url, utf8 } from "./bytes.ts";

/** Who signs an export. */
export interface SyncFileSigner {
  kind: "relay" | "device";
  /** Shown to whoever imports: the relay's name or the student's name and device. */
  name: string;
  /** The 32-byte Ed25519 seed (a JWK's `d`). */
  secretKey: Uint8Array;
}

/** A signature as stored in the file. */
export interface SignatureBlock {
  alg: "Ed25519";
  keyId: string;
  publicKey: string;
  signature: string;
}

/** Domain separation: this signature can never be replayed as a token's or anything else's. */
const CONTEXT = utf8.encode("quire-sync-file/1\n");

/** RFC 7638 thumbprint of an Ed25519 public key, as @quire/auth's KeyRing names its keys. */
export function keyIdOf(publicKey: Uint8Array): string {
  const x = toBase64Url(publicKey);
  return toBase64Url(sha256Bytes(utf8.encode(JSON.stringify({ crv: "Ed25519", kty: "OKP", x }))));
}

/** A fresh device key (seed), from crypto.getRandomValues. */
export function generateDeviceKey(): Uint8Array {
  return ed25519.utils.randomSecretKey();
}

export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey);
}

export function signManifest(signer: SyncFileSigner, manifestBytes: Uint8Array): SignatureBlock {
  const publicKey = publicKeyOf(signer.secretKey);
  const signature = ed25519.sign(concatBytes([CONTEXT, manifestBytes]), signer.secretKey);
  return { alg: "Ed25519", keyId: keyIdOf(publicKey), publicKey: toBase64Url(publicKey), signature: toBase64Url(signature) };
}

/** Parses and checks a signature block over `manifestBytes`; the reason when it is not valid. */
export function verifyManifest(value: unknown, manifestBytes: Uint8Array): { ok: true; block: SignatureBlock } | { ok: false; reason: string } {
  if (typeof value !== "object" || value === null) return { ok: false, reason: "the signature block is not an object" };
  const { alg, keyId, publicKey, signature } = value as Record<string, unknown>;
  if (alg !== "Ed25519") return { ok: false, reason: "the signature is not Ed25519" };
  if (typeof keyId !== "string" || typeof publicKey !== "string" || typeof signature !== "string") {
    return { ok: false, reason: "the signature block lacks its key or signature" };
  }
  const key = fromBase64Url(publicKey);
  const sig = fromBase64Url(signature);
  if (key?.length !== 32 || sig?.length !== 64) return { ok: false, reason: "the signature's key or value has the wrong length" };
  if (keyIdOf(key) !== keyId) return { ok: false, reason: "the signature's key id does not match its key" };
  let valid = false;
  try {
    valid = ed25519.verify(sig, concatBytes([CONTEXT, manifestBytes]), key);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: "the signature does not match the manifest: the file was changed after it was signed" };
  return { ok: true, block: { alg, keyId, publicKey, signature } };
}
