export { type TokenRequest, buildClaims, parseClaims } from "./claims.ts";
export { TOKEN_ALG, TOKEN_TYP, type TokenHeader, checkCompactForm } from "./compact-form.ts";
export { type JsonWebKeySet, MAX_JWKS_KEYS, type PublicJwk, parseJwks, publicJwk } from "./jwks.ts";
export { KEY_RING_FILE, KeyRingFile, loadOrCreateKeyRing, readKeyRing, rotateKeyRing } from "./key-ring-file.ts";
export { KeyRing, type SigningKey, type StoredKey, jwkThumbprint } from "./KeyRing.ts";
export {
  CLOCK_TOLERANCE_SECONDS,
  DEFAULT_TOKEN_TTL_SECONDS,
  MAX_TOKEN_LENGTH,
  MAX_TOKEN_TTL_SECONDS,
  REFRESH_GRACE_SECONDS,
  RETIRED_KEY_RETENTION_SECONDS,
} from "./limits.ts";
export {
  MIN_OPERATOR_TOKEN_LENGTH,
  OPERATOR_TOKEN_FILE,
  isOperatorToken,
  loadOrCreateOperatorToken,
  readOperatorToken,
} from "./operator-token.ts";
export { signToken } from "./sign-token.ts";
export { TRUSTED_JWKS_LIMITS, TrustedJwks } from "./TrustedJwks.ts";
export { type KeyResolver, type TokenCheck, verifyToken } from "./verify-token.ts";
export {
  DEFAULT_HUB_CREDENTIAL_TTL_SECONDS,
  type HubCredentialCheck,
  type HubCredentialClaims,
  type HubCredentialRequest,
  MAX_HUB_CLASSES,
  readHubCredentialUnverified,
  signHubCredential,
  verifyHubCredential,
} from "./hub-credential.ts";
