/**
 * @module TokenService
 * The relay's tokens, wired from @quire/auth: signs with the current key of the key ring in
 * DATA_DIR (re-read when `token --rotate-key` changes it), verifies against that ring, then
 * against the issuers in TRUSTED_JWKS, then — for tokens signed before the upgrade to JWTs —
 * against the old HMAC secret if the data dir has one. Publishes the ring's public keys
 * (GET /.well-known/jwks.json). Revocation stays with the caller (RevocationStore).
 */
import {
  type HubCredentialCheck,
  type HubCredentialClaims,
  type HubCredentialRequest,
  type JsonWebKeySet,
  KeyRingFile,
  type PublicJwk,
  type TokenCheck,
  type TokenRequest,
  type TrustedJwks,
  signHubCredential,
  signToken,
  verifyHubCredential,
  verifyToken,
} from "@quire/auth";
import type { TokenClaims } from "@quire/core";
import { isLegacyForm, readLegacySecret, verifyLegacyToken } from "./legacy-hmac-token.ts";

export class TokenService {
  private readonly ring: KeyRingFile;
  private readonly legacySecret: Buffer | null;

  constructor(dataDir: string, private readonly trusted: TrustedJwks | null = null) {
    this.ring = new KeyRingFile(dataDir);
    this.legacySecret = readLegacySecret(dataDir);
  }

  /** Signs a token with the current key (throws a TypeError on an invalid request). */
  sign(request: TokenRequest): { token: string; claims: TokenClaims } {
    return signToken(this.ring.current().signingKey, request);
  }

  /** Verifies a token at `nowSeconds` (refresh passes an earlier time for its grace). */
  verify(token: unknown, nowSeconds = Math.floor(Date.now() / 1000)): Promise<TokenCheck> {
    if (this.legacySecret && isLegacyForm(token)) return Promise.resolve(verifyLegacyToken(this.legacySecret, token, nowSeconds));
    return verifyToken(token, (kid) => this.resolveKey(kid, nowSeconds), nowSeconds);
  }

  /** Signs a classroom hub's credential (hub/hub-credential-api.ts, `token --hub`). */
  signHub(request: HubCredentialRequest): { credential: string; claims: HubCredentialClaims } {
    return signHubCredential(this.ring.current().signingKey, request);
  }

  /** Verifies a hub credential against this relay's own keys only: only it issues them. */
  verifyHub(credential: unknown): Promise<HubCredentialCheck> {
    const now = Math.floor(Date.now() / 1000);
    return verifyHubCredential(credential, (kid) => this.ring.current().publicKey(kid, now), now);
  }

  /** The public keys this relay signs with (current and recently retired). */
  jwks(): JsonWebKeySet {
    return this.ring.current().jwks();
  }

  private async resolveKey(kid: string, nowSeconds: number): Promise<PublicJwk | null> {
    // The retention check uses the real clock: a refresh's earlier "now" must not revive a key.
    const own = this.ring.current().publicKey(kid, Math.max(nowSeconds, Math.floor(Date.now() / 1000)));
    if (own) return own;
    return this.trusted ? this.trusted.resolve(kid) : null;
  }
}
