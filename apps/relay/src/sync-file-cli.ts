/**
 * @module sync-file-cli
 * Sync files from the relay's command line (issue 14, item 3):
 *
 *   sync-file export --workspace <id> [--doc <docId>]… [--since <state file>] -o <file.quire>
 *   sync-file state  --workspace <id> -o <state file>
 *   sync-file import <file.quire> [--workspace <id>] [--trust <jwks file>]… [--require-known-signer]
 *
 * all with `[--data-dir <dir>]` (default $DATA_DIR or ./data, like the relay). `export` signs
 * with the relay's token key ring. `state` writes what this relay holds, for another relay's
 * `export --since`, so the file carries only what this one lacks. `import` validates the whole
 * file before it stores anything and prints, per document, what changed.
 *
 * Run `import` while the relay is stopped, or accept that a document open at that moment shows
 * the imported changes only after it next loads (its last client gone for UNLOAD_DELAY_MS):
 * the CLI writes to the database, not into the running relay's memory. Nothing is lost either
 * way — the rows are stored and a later compaction keeps them.
 * Relative paths are relative to where the command was typed (INIT_CWD under pnpm).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadOrCreateKeyRing } from "@quire/auth";
import { StorageUsage, openDatabase } from "@quire/storage-sqlite";
import { loadConfig } from "./config.ts";
import { type ImportPlan, SyncFileError, encodeStateVectors, parseStateVectors } from "@quire/syncfile";
import { RelayDocumentStore } from "./storage/RelayDocumentStore.ts";
import { WorkspaceStore } from "./storage/WorkspaceStore.ts";
import { exportWorkspace, stateVectorsOf } from "./syncfile/export-workspace.ts";
import { importFile } from "./syncfile/import-file.ts";
import { knownKeyIds, relaySigner } from "./syncfile/relay-signer.ts";

const USAGE = `usage: sync-file export --workspace <id> [--doc <docId>]... [--since <state file>] -o <file.quire> [--data-dir <dir>]
       sync-file state --workspace <id> -o <state file> [--data-dir <dir>]
       sync-file import <file.quire> [--workspace <id>] [--trust <jwks file>]... [--require-known-signer] [--data-dir <dir>]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(1);
}

const base = process.env.INIT_CWD ?? process.cwd();
const path = (p: string) => resolve(base, p);

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const dataDir = path(values["data-dir"] ?? process.env.DATA_DIR ?? "./data");
  const db = openDatabase(dataDir);
  // The workspace quota holds for an import as for live writes; the per-member quota does not:
  // a file carries a whole class's work under one signer, not one student's writing.
  const config = loadConfig(process.env);
  const { workspaceQuotaBytes } = config.limits;
  const storage = new RelayDocumentStore(db, new StorageUsage(db, { workspaceQuotaBytes, userQuotaBytes: 0 }));
  try {
    if (command === "export" || command === "state") {
      const id = values.workspace ?? fail("--workspace <id> is required");
      const out = values.output ?? fail("-o <file> is required");
      if (command === "state") {
        const state = await stateVectorsOf(storage, id);
        writeFileSync(path(out), encodeStateVectors(state));
        process.stderr.write(`wrote the state of ${state.documents.size} documents of ${id} to ${out}\n`);
        return;
      }
      const name = new WorkspaceStore(db).get(id)?.name ?? id;
      const since = values.since ? parseStateVectors(readFileSync(path(values.since), "utf8")) : null;
      const only = values.doc?.map((doc) => `${id}/${doc}`);
      const result = await exportWorkspace(storage, { id, name }, relaySigner(loadOrCreateKeyRing(dataDir)), since, only);
      if (result.documents === 0) fail(`this relay has no documents of workspace ${id}`);
      writeFileSync(path(out), result.file);
      for (const { name: doc, reason } of result.skipped) process.stderr.write(`left out ${doc}: quarantined (${reason})\n`);
      process.stderr.write(`wrote ${result.documents} documents of "${name}" (${result.file.length} bytes${since ? ", only what the receiver lacks" : ""}) to ${out}\n`);
      return;
    }
    if (command === "import") {
      const file = rest[0] ?? fail("import needs the .quire file");
      const plan = await importFile(storage, new Uint8Array(readFileSync(path(file))), {
        // The relay's TRUSTED_JWKS files count too: an upstream whose tokens it accepts.
        knownKeyIds: knownKeyIds(loadOrCreateKeyRing(dataDir), [
          ...(values.trust ?? []).map(path),
          ...config.trustedJwks.filter((source) => !/^https?:\/\//i.test(source)),
        ]),
        ...(values.workspace !== undefined ? { expectedWorkspace: values.workspace } : {}),
        requireKnownSigner: values["require-known-signer"] === true,
      });
      process.stdout.write(describePlan(plan, new WorkspaceStore(db).get(plan.workspace.id) !== null));
      return;
    }
    fail(`unknown command ${command}`);
  } catch (error) {
    const prefix = error instanceof SyncFileError ? `refused (${error.code}): ` : "";
    fail(`${prefix}${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
}

function parse() {
  return parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: true,
    options: {
      workspace: { type: "string" },
      doc: { type: "string", multiple: true },
      since: { type: "string" },
      output: { type: "string", short: "o" },
      trust: { type: "string", multiple: true },
      "require-known-signer": { type: "boolean" },
      "data-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** The report: one line per document, then who signed the file. */
export function describePlan(plan: ImportPlan, workspaceKnown: boolean): string {
  const lines = [`workspace "${plan.workspace.name}" (${plan.workspace.id})`];
  for (const doc of plan.documents) {
    const what =
      doc.status === "unchanged"
        ? "no change"
        : `${doc.status === "new" ? "new document" : "changed"}: +${doc.insertedCharacters} characters, -${doc.deletedCharacters} characters`;
    lines.push(`  ${doc.name}: ${what}${doc.waitingForEarlierChanges ? " (part waits for earlier changes this relay lacks)" : ""}`);
  }
  const who = plan.signedBy;
  lines.push(`signed by ${who.kind} "${who.name}" (key ${who.keyId}, ${who.known ? "known to this relay" : "NOT known to this relay"})`);
  lines.push(`${plan.changed} of ${plan.documents.length} documents changed`);
  if (!workspaceKnown) lines.push(`note: this relay has no record of workspace ${plan.workspace.id}; its documents are stored, and \`token --workspace ${plan.workspace.id}\` gives access`);
  return `${lines.join("\n")}\n`;
}

await main();
