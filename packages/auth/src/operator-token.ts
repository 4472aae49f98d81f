/**
 * @module operator-token
 * The operator's token: a bearer secret that unlocks the detail of `GET /healthz` (loaded
 * document names, clients), which anyone else must not see (issue 10 item 9: the list of
 * workspace and document ids was public). It is `OPERATOR_TOKEN` from the environment when
 * set (at least 32 characters), otherwise DATA_DIR/operator-token.key, generated (0600) on
 * first start like the signing secret. `npm run token -- --operator` prints it.
 *
 * It is a separate secret from the signing key: handing it to a monitoring system grants no
 * access to any document, and it cannot be used to sign tokens.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const OPERATOR_TOKEN_FILE = "operator-token.key";
/** Shortest operator token accepted from the environment: 32 characters resist guessing. */
export const MIN_OPERATOR_TOKEN_LENGTH = 32;

/** Reads the operator token from `dataDir`, or null when there is none yet. */
export function readOperatorToken(dataDir: string): string | null {
  const file = join(dataDir, OPERATOR_TOKEN_FILE);
  if (!existsSync(file)) return null;
  const token = readFileSync(file, "utf8").trim();
  if (token.length < MIN_OPERATOR_TOKEN_LENGTH) throw new Error(`${file} is corrupt: token shorter than ${MIN_OPERATOR_TOKEN_LENGTH} characters`);
  return token;
}

/**
 * The operator token in force: `configured` (OPERATOR_TOKEN) if given, else the one in
 * `dataDir`, created on first use. Throws on a configured token that is too short.
 */
export function loadOrCreateOperatorToken(dataDir: string, configured?: string): string {
  if (configured !== undefined && configured !== "") {
    if (configured.length < MIN_OPERATOR_TOKEN_LENGTH) {
      throw new Error(`OPERATOR_TOKEN must be at least ${MIN_OPERATOR_TOKEN_LENGTH} characters`);
    }
    return configured;
  }
  const existing = readOperatorToken(dataDir);
  if (existing !== null) return existing;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, OPERATOR_TOKEN_FILE);
  const token = randomBytes(32).toString("base64url");
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return token;
}

/** Constant-time check of a presented bearer token against the operator token. */
export function isOperatorToken(presented: string | undefined, operatorToken: string): boolean {
  if (presented === undefined) return false;
  const given = Buffer.from(presented);
  const expected = Buffer.from(operatorToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
