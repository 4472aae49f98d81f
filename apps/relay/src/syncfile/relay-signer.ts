/**
 * @module relay-signer
 * The relay signs sync files with its token key ring's current Ed25519 key, so a file's key id
 * is a `kid` of the relay's published JWKS; and it knows the keys of its own ring (current and
 * retired) plus any JWKS files an operator trusts (`--trust`).
 */
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { type KeyRing, parseJwks } from "@quire/auth";
import { type SyncFileSigner, fromBase64Url, keyIdOf } from "@quire/syncfile";

export function relaySigner(ring: KeyRing, name = `Quire relay on ${hostname()}`): SyncFileSigner {
  const current = ring.keys.find((key) => key.kid === ring.signingKey.kid);
  const secretKey = current ? fromBase64Url(current.jwk.d) : null;
  if (secretKey?.length !== 32) throw new Error("the key ring's signing key is not an Ed25519 seed");
  return { kind: "relay", name, secretKey };
}

/** Key ids this relay recognises: its own ring's, and those of the given JWKS files. */
export function knownKeyIds(ring: KeyRing, trustedJwksFiles: readonly string[]): string[] {
  const ids = ring.keys.map((key) => key.kid);
  for (const file of trustedJwksFiles) {
    const jwks = parseJwks(JSON.parse(readFileSync(file, "utf8")));
    if (!jwks.ok) throw new Error(`${file}: ${jwks.message}`);
    // By thumbprint, as files name their signer: another issuer's `kid` may be any string.
    for (const key of jwks.keys) {
      const x = fromBase64Url(key.x);
      if (x) ids.push(keyIdOf(x));
    }
  }
  return ids;
}
