/**
 * @module token-cli
 * `node dist/token-cli.js --doc <name>|--workspace <id> --role <editor|viewer> --user <name>
 *  [--ttl <seconds>] [--data-dir <dir>]` prints a token (alone, on stdout).
 * `node dist/token-cli.js --revoke <jti> [--data-dir <dir>]` revokes a token id.
 * `node dist/token-cli.js --operator [--data-dir <dir>]` prints the operator token that
 * unlocks /healthz detail ($OPERATOR_TOKEN if set, else the one in the data dir).
 * `node dist/token-cli.js --rotate-key [--data-dir <dir>]` adds a new signing key to the key
 * ring (the running relay signs with it from its next token; tokens signed with the old key
 * keep working until they expire) and prints the new kid.
 * `node dist/token-cli.js --hub <name> --class <id> [--class <id>]... [--ttl <seconds>]` prints a
 * classroom hub's credential (its UPSTREAM_CREDENTIAL, issue 14) for those classes, and its
 * id and expiry on stderr; `--revoke <jti>` unlinks the hub.
 * `node dist/token-cli.js --jwks [--data-dir <dir>]` prints the public keys (what the relay
 * serves at /.well-known/jwks.json), e.g. to give another relay as a TRUSTED_JWKS file.
 * Errors go to stderr with exit code 1. The data dir defaults to $DATA_DIR or ./data, the
 * same as the relay, so the token is signed with that relay's key ring.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ROLES, type Role } from "@quire/core";
import { loadOrCreateKeyRing, loadOrCreateOperatorToken, rotateKeyRing, signHubCredential, signToken } from "@quire/auth";
import { RevocationStore } from "./storage/RevocationStore.ts";
import { openDatabase } from "@quire/storage-sqlite";

const USAGE = `usage: token --doc <docName> | --workspace <id>  --role <editor|viewer> --user <name> [--ttl <seconds>] [--data-dir <dir>]
       token --revoke <jti> [--data-dir <dir>]
       token --operator [--data-dir <dir>]
       token --rotate-key [--data-dir <dir>]
       token --hub <hub name> --class <id> [--class <id>]... [--ttl <seconds>] [--data-dir <dir>]
       token --jwks [--data-dir <dir>]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(1);
}

const VALUE_OPTIONS = ["doc", "workspace", "role", "user", "ttl", "data-dir", "revoke", "hub", "class"];

/**
 * Joins `--option -value` into `--option=-value` for options that always take a value: token
 * ids are random base64url and one in 64 starts with "-", which parseArgs would otherwise
 * refuse as an ambiguous argument (test/token-cli-dash-values.test.ts).
 */
function joinDashValues(argv: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (next?.startsWith("-") && VALUE_OPTIONS.some((name) => arg === `--${name}`)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function main(): void {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: joinDashValues(process.argv.slice(2)),
      options: {
        doc: { type: "string" },
        workspace: { type: "string" },
        role: { type: "string" },
        user: { type: "string" },
        ttl: { type: "string" },
        "data-dir": { type: "string" },
        revoke: { type: "string" },
        operator: { type: "boolean" },
        "rotate-key": { type: "boolean" },
        jwks: { type: "boolean" },
        hub: { type: "string" },
        class: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const dataDir = resolve((values["data-dir"] as string | undefined) ?? process.env.DATA_DIR ?? "./data");
  if (typeof values.revoke === "string") {
    const db = openDatabase(dataDir);
    new RevocationStore(db).revoke(values.revoke);
    db.close();
    process.stderr.write(`revoked ${values.revoke}\n`);
    return;
  }
  if (values.operator) {
    try {
      process.stdout.write(`${loadOrCreateOperatorToken(dataDir, process.env.OPERATOR_TOKEN)}\n`);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
    return;
  }
  if (values["rotate-key"] || values.jwks) {
    try {
      if (values["rotate-key"]) {
        const ring = rotateKeyRing(dataDir);
        process.stderr.write(`new signing key; retired keys keep verifying until their tokens have expired\n`);
        process.stdout.write(`${ring.signingKey.kid}\n`);
      } else {
        process.stdout.write(`${JSON.stringify(loadOrCreateKeyRing(dataDir).jwks(), null, 2)}\n`);
      }
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
    return;
  }
  if (typeof values.hub === "string") {
    const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
    if (ttl !== undefined && (!Number.isInteger(ttl) || ttl <= 0)) fail("--ttl must be a positive whole number of seconds");
    try {
      const { credential, claims } = signHubCredential(loadOrCreateKeyRing(dataDir).signingKey, {
        name: values.hub.trim(),
        classes: (values.class as string[] | undefined) ?? [],
        ...(ttl !== undefined ? { ttlSeconds: ttl } : {}),
      });
      process.stderr.write(`hub ${claims.sub} for ${claims.classes.join(", ")}; jti ${claims.jti}; expires ${new Date(claims.exp * 1000).toISOString()}\n`);
      process.stdout.write(`${credential}\n`);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
    return;
  }
  const role = values.role as string | undefined;
  if (!role || !ROLES.includes(role as Role)) fail("--role must be editor or viewer");
  const user = values.user as string | undefined;
  if (!user || user.trim() === "") fail("--user <name> is required");
  const doc = values.doc as string | undefined;
  const workspace = values.workspace as string | undefined;
  if ((doc === undefined) === (workspace === undefined)) fail("give exactly one of --doc or --workspace");
  let ttlSeconds: number | undefined;
  if (values.ttl !== undefined) {
    ttlSeconds = Number(values.ttl);
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) fail("--ttl must be a positive whole number of seconds");
  }
  try {
    const { token } = signToken(loadOrCreateKeyRing(dataDir).signingKey, {
      name: user.trim(),
      role: role as Role,
      ...(doc !== undefined ? { doc } : { workspace: workspace as string }),
      ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
    });
    process.stdout.write(`${token}\n`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

main();
