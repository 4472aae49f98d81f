import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { backupName } from "./backup-manifest.ts";
import { STALE_PARTIAL_MS, pruneBackups } from "./take-backup.ts";

const dir = mkdtempSync(join(tmpdir(), "quire-prune-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pruneBackups", () => {
  it("keeps the newest `keep` backups and leaves everything else in the dir alone", () => {
    const names = [1, 2, 3, 4].map((day) => backupName(new Date(Date.UTC(2026, 10, day, 8, 0, 0, day))));
    for (const name of names) mkdirSync(join(dir, name));
    const partial = `.${backupName(new Date())}.partial`;
    mkdirSync(join(dir, partial));
    writeFileSync(join(dir, "notes.txt"), "operator's file");
    expect(pruneBackups(dir, 2)).toEqual(names.slice(0, 2));
    expect(readdirSync(dir).sort()).toEqual([...names.slice(2), "notes.txt", partial].sort());
    expect(pruneBackups(dir, 0)).toEqual([]);
    // A day later the partial dir is a leftover of a killed backup: removed.
    pruneBackups(dir, 0, Date.now() + STALE_PARTIAL_MS + 1_000);
    expect(readdirSync(dir).sort()).toEqual([...names.slice(2), "notes.txt"].sort());
  });

  it("names sort by time as text", () => {
    expect(backupName(new Date("2026-11-30T22:28:00.123Z"))).toBe("quire-backup-20261130T222800123Z");
  });
});
