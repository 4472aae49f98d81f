/**
 * Backups of a running relay (issue 14 item 6), through real processes: the backup CLI copies
 * the data dir while a stock client keeps writing; the restore CLI puts it into a fresh data
 * dir; a relay started there serves the documents to a stock client holding a token signed
 * before the backup (the keys came along). Restore refuses a non-empty data dir (and with
 * --force moves it aside, deleting nothing) and a damaged backup, writing nothing. The relay's
 * own scheduled backups (BACKUP_INTERVAL_HOURS) appear, keep BACKUP_KEEP, and restore.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connectStockClient, storedDoc, useRelays, waitFor, waitSynced } from "@quire/testkit";

const BACKUP_CLI = resolve(import.meta.dirname, "../dist/backup-cli.js");
const RESTORE_CLI = resolve(import.meta.dirname, "../dist/restore-cli.js");
const WS = "wbackup0001";
const DOC = `${WS}/report`;
const work = mkdtempSync(join(tmpdir(), "quire-backup-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(cli: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", env: { ...process.env, INIT_CWD: work } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The backup CLI as a child process, so the test's event loop keeps the writer typing meanwhile. */
function backupAsync(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BACKUP_CLI, ...args], { env: { ...process.env, INIT_CWD: work } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (status) => done({ status: status ?? -1, stdout, stderr }));
  });
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

describe("backup and restore CLIs", () => {
  const relays = useRelays();

  it("backs up while a client writes; a relay on the restored dir serves the docs to an old token", async () => {
    const a = await relays.start();
    const token = a.token({ workspace: WS, sub: "ana", name: "Ana" });
    const writer = connectStockClient(a.syncUrl, DOC, token);
    await waitSynced(writer.provider);
    const text = writer.doc.getText("t");
    text.insert(0, "Start. ");
    await waitFor(() => storedDoc(a.dataDir, DOC).getText("t").toString() === "Start. ", 10_000, "first edit stored");
    // Keeps appending numbered lines while the backup runs: a consistent copy holds a prefix.
    let n = 0;
    const typing = setInterval(() => text.insert(text.length, `line ${n++}. `), 15);
    await new Promise((r) => setTimeout(r, 300));
    const backupDir = join(work, "backups");
    const taken = await backupAsync(["--data-dir", a.dataDir, "--to", backupDir]);
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(typing);
    const final = text.toString();
    writer.destroy();
    expect(taken.status, taken.stderr).toBe(0);
    expect(taken.stderr).toMatch(/integrity ok/);
    const backup = taken.stdout.trim();
    expect(backup).toMatch(/\/quire-backup-\d{8}T\d{9}Z$/);
    expect(readdirSync(backup).sort()).toEqual(["manifest.json", "operator-token.key", "quire.sqlite", "token-keys.json"]);
    expect(mode(backup)).toBe(0o700);
    for (const file of readdirSync(backup)) expect(mode(join(backup, file)), file).toBe(0o600);

    const restoredDir = join(work, "restored");
    const restored = run(RESTORE_CLI, [backup, "--data-dir", restoredDir]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/integrity ok/);
    expect(mode(restoredDir)).toBe(0o700);
    expect(readFileSync(join(restoredDir, "token-keys.json"), "utf8")).toBe(readFileSync(join(a.dataDir, "token-keys.json"), "utf8"));
    const restoredText = storedDoc(restoredDir, DOC).getText("t").toString();
    expect(restoredText.startsWith("Start. line 0. ")).toBe(true);
    expect(final.startsWith(restoredText)).toBe(true);

    const b = await relays.start({ dataDir: restoredDir });
    const reader = connectStockClient(b.syncUrl, DOC, token);
    await waitSynced(reader.provider);
    expect(reader.doc.getText("t").toString()).toBe(restoredText);
    expect(reader.closes).toEqual([]);
    reader.destroy();

    // A non-empty data dir is refused and left as it was.
    const before = readdirSync(a.dataDir).sort();
    const refused = run(RESTORE_CLI, [backup, "--data-dir", a.dataDir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/is not empty.*--force/);
    expect(readdirSync(a.dataDir).sort()).toEqual(before);

    // --force moves the old contents aside, never deletes them.
    const occupied = join(work, "occupied");
    mkdirSync(occupied);
    writeFileSync(join(occupied, "keep-me"), "old data");
    const forced = run(RESTORE_CLI, [backup, "--data-dir", occupied, "--force"]);
    expect(forced.status, forced.stderr).toBe(0);
    const aside = /moved the previous contents of .* to (.*)\n/.exec(forced.stdout)?.[1] ?? "";
    expect(readFileSync(join(aside, "keep-me"), "utf8")).toBe("old data");
    expect(existsSync(join(occupied, "quire.sqlite"))).toBe(true);

    // A flipped byte inside the database: refused with the reason, nothing written.
    const damaged = join(work, "damaged");
    cpSync(backup, damaged, { recursive: true });
    const bytes = readFileSync(join(damaged, "quire.sqlite"));
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] as number) ^ 0xff;
    writeFileSync(join(damaged, "quire.sqlite"), bytes);
    const target = join(work, "never-written");
    const bad = run(RESTORE_CLI, [damaged, "--data-dir", target]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/restore refused: .*quire\.sqlite is damaged \(SHA-256/);
    expect(existsSync(target)).toBe(false);

    // Damage the checksums cannot see (manifest rewritten to match): SQLite's check refuses it.
    const rewritten = join(work, "rewritten");
    cpSync(backup, rewritten, { recursive: true });
    const db = readFileSync(join(rewritten, "quire.sqlite"));
    db.fill(0xa5, 100, 4096); // page 1's b-tree header and cells: the schema table
    writeFileSync(join(rewritten, "quire.sqlite"), db);
    const manifest = JSON.parse(readFileSync(join(rewritten, "manifest.json"), "utf8")) as { files: Record<string, string> };
    manifest.files["quire.sqlite"] = createHash("sha256").update(db).digest("hex");
    writeFileSync(join(rewritten, "manifest.json"), JSON.stringify(manifest));
    const bad2 = run(RESTORE_CLI, [rewritten, "--data-dir", target]);
    expect(bad2.status).toBe(1);
    expect(bad2.stderr).toMatch(/restore refused: .*(integrity check|cannot be opened)/);
    expect(existsSync(target)).toBe(false);
  }, 90_000);

  it("the relay's scheduled backups, taken while a client types, appear, are whole, and only BACKUP_KEEP stay", async () => {
    const backupDir = join(work, "scheduled");
    // 0.0005 h = 1.8 s.
    const relay = await relays.start({ env: { BACKUP_INTERVAL_HOURS: "0.0005", BACKUP_DIR: backupDir, BACKUP_KEEP: "2" } });
    const client = connectStockClient(relay.syncUrl, DOC, relay.token({ workspace: WS, sub: "ben", name: "Ben" }));
    await waitSynced(client.provider);
    client.doc.getText("t").insert(0, "Scheduled.");
    await waitFor(() => storedDoc(relay.dataDir, DOC).getText("t").toString() === "Scheduled.", 10_000, "edit stored");
    const backups = () => (existsSync(backupDir) ? readdirSync(backupDir).filter((name) => name.startsWith("quire-backup-")) : []);
    // The class keeps typing through the backups: each copy must hold a prefix of the text.
    const text = client.doc.getText("t");
    let n = 0;
    const typing = setInterval(() => text.insert(text.length, ` ${n++}`), 20);
    // Tests run the relay at LOG_LEVEL=warn (testkit): the backups are counted on disk.
    const seen = new Set<string>();
    await waitFor(() => {
      const now = backups();
      for (const name of now) seen.add(name);
      return seen.size >= 3;
    }, 30_000, "three scheduled backups");
    clearInterval(typing);
    const final = text.toString();
    client.destroy();
    // Older ones are pruned right after a new one is complete (for a moment there are 3).
    await waitFor(() => backups().length === 2, 5_000, "pruned to BACKUP_KEEP");
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(relay.output).not.toMatch(/"backup failed"/);
    const newest = join(backupDir, backups().sort().at(-1) as string);
    const restoredDir = join(work, "restored-scheduled");
    const restored = run(RESTORE_CLI, [newest, "--data-dir", restoredDir]);
    expect(restored.status, restored.stderr).toBe(0);
    const restoredText = storedDoc(restoredDir, DOC).getText("t").toString();
    expect(restoredText.startsWith("Scheduled. 0 1")).toBe(true);
    expect(final.startsWith(restoredText)).toBe(true);
  }, 60_000);
});
