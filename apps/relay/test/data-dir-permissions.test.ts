/**
 * The data directory holds join codes in plain text and the token signing keys: it is
 * created 0700 and the database files 0600, and an existing directory or database with wider
 * modes is narrowed on start (security finding S7: they were 0755 and 0644).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RelayProcess } from "@quire/testkit";

const parent = mkdtempSync(join(tmpdir(), "quire-perms-"));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

async function writeSomething(relay: RelayProcess): Promise<void> {
  const response = await fetch(`${relay.httpUrl}/api/workspaces`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ workspaceName: "Perms", userName: "Owner" }),
  });
  expect(response.status).toBe(201);
}

function expectPrivate(dataDir: string): void {
  expect(mode(dataDir)).toBe("700");
  for (const file of ["quire.sqlite", "quire.sqlite-wal", "quire.sqlite-shm", "token-keys.json"]) {
    const path = join(dataDir, file);
    if (existsSync(path)) expect(`${file} ${mode(path)}`).toBe(`${file} 600`);
  }
}

describe("data directory permissions", () => {
  it("a new data directory is 0700 and its database files 0600", async () => {
    const dataDir = join(parent, "fresh", "data");
    const relay = await RelayProcess.start({ dataDir });
    try {
      await writeSomething(relay);
      expect(existsSync(join(dataDir, "quire.sqlite-wal"))).toBe(true);
      expectPrivate(dataDir);
    } finally {
      await relay.stop();
    }
  });

  it("an existing 0755 directory with a 0644 database is narrowed on start", async () => {
    const dataDir = join(parent, "old");
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    let relay = await RelayProcess.start({ dataDir });
    await writeSomething(relay);
    await relay.stop();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, "quire.sqlite"), 0o644);
    relay = await RelayProcess.start({ dataDir });
    try {
      await writeSomething(relay);
      expectPrivate(dataDir);
    } finally {
      await relay.stop();
    }
  });
});
