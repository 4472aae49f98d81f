/**
 * @module upstream-jwks-file
 * Name of the hub's cached copy of its upstream's public keys in DATA_DIR (Replicator.ts writes
 * it; backups carry it). Its own module so readers of the name need not load the replicator.
 */
export const UPSTREAM_JWKS_FILE = "upstream-jwks.json";
