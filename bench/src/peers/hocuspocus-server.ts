/**
 * @module hocuspocus-server
 * The Hocuspocus peer as a school would deploy it: `@hocuspocus/server` with its defaults
 * (debounced store 2 s / max 10 s, gc on), persisting to SQLite the way
 * `@hocuspocus/extension-sqlite` does (one row per document holding the full encoded state,
 * written on every debounced store). Run in its own process:
 *   HOST=127.0.0.1 PORT=0 DATA_DIR=/tmp/x node --import tsx src/peers/hocuspocus-server.ts
 * Without DATA_DIR it keeps documents in memory only. Prints `hocuspocus listening on <port>`.
 */
import { join } from "node:path";
import { Server } from "@hocuspocus/server";
import Database from "better-sqlite3";
import * as Y from "yjs";

const dataDir = process.env.DATA_DIR;
const db = dataDir ? new Database(join(dataDir, "hocuspocus.sqlite")) : null;
db?.pragma("journal_mode = WAL");
db?.exec("CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB)");
const select = db?.prepare<[string], { data: Buffer }>("SELECT data FROM documents WHERE name = ?");
const upsert = db?.prepare<[string, Buffer]>(
  "INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data",
);

const server = new Server({
  address: process.env.HOST ?? "127.0.0.1",
  port: Number(process.env.PORT ?? 0),
  quiet: true,
  async onLoadDocument({ document, documentName }) {
    const row = select?.get(documentName);
    if (row) Y.applyUpdate(document, new Uint8Array(row.data));
    return document;
  },
  async onStoreDocument({ document, documentName }) {
    upsert?.run(documentName, Buffer.from(Y.encodeStateAsUpdate(document)));
  },
});

await server.listen();
console.log(`hocuspocus listening on ${server.address.port}`);

const shutdown = async () => {
  // Hocuspocus flushes pending debounced stores on destroy.
  await server.destroy();
  db?.close();
  process.exit(0);
};
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
