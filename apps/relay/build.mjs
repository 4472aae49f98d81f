/**
 * Bundles the relay into dist/: main.js (the server), token-cli.js (the token CLI), sync-file-cli.js (sync files),
 * backup-cli.js and restore-cli.js (backups of the data dir),
 * decode-worker.js (worker thread that decodes large untrusted updates under a time budget) and
 * history-worker.js (restore plans off the event loop), backup-check-worker.js (checks a
 * scheduled backup's copy off the event loop).
 * node_modules stay external (better-sqlite3 is native); our workspace packages are bundled
 * from TypeScript source through the `source` condition.
 */
import { build } from "esbuild";
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

await build({
  entryPoints: {
    main: "src/main.ts",
    "token-cli": "src/token-cli.ts",
    "sync-file-cli": "src/sync-file-cli.ts",
    "backup-cli": "src/backup-cli.ts",
    "restore-cli": "src/restore-cli.ts",
    "decode-worker": "src/sync/decode-worker.ts",
    "history-worker": "src/history/history-worker.ts",
    "backup-check-worker": "src/backup/backup-check-worker.ts",
  },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  conditions: ["source"],
  // Runtime dependencies stay in node_modules (better-sqlite3 is native); our workspace
  // packages (@quire/*) are bundled from TypeScript source.
  external: Object.keys(pkg.dependencies).filter((name) => !name.startsWith("@quire/")),
  define: { __RELAY_VERSION__: JSON.stringify(pkg.version) },
  logLevel: "warning",
});
