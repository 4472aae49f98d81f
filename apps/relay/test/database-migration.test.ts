/**
 * A database written by the previous release (main at ace9b97: no provenance or checkpoint
 * tables) migrates when the current relay starts on it, with no data loss: every doc serves
 * its full text, and new edits are recorded with provenance from then on.
 */
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { RelayProcess, connectStockClient, storedDocNames, storedProvenance, storedRows, waitFor, waitSynced } from "@quire/testkit";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const expected = JSON.parse(readFileSync(join(fixtures, "main-ace9b97.expected.json"), "utf8")) as Record<string, string>;

let relay: RelayProcess | undefined;
afterAll(async () => {
  await relay?.stop({ removeData: true });
});

describe("database migration", () => {
  it("an ace9b97 database starts, serves every doc in full and records provenance for new edits", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "quire-migrate-"));
    copyFileSync(join(fixtures, "main-ace9b97.sqlite"), join(dataDir, "quire.sqlite"));
    const rowsBefore = Object.fromEntries(Object.keys(expected).map((doc) => [doc, storedRows(dataDir, doc).length]));
    relay = await RelayProcess.start({ dataDir });
    expect(storedDocNames(dataDir)).toEqual(Object.keys(expected).sort());
    for (const [doc, text] of Object.entries(expected)) {
      const reader = connectStockClient(relay.syncUrl, doc, relay.token({ doc, role: "viewer" }));
      await waitSynced(reader.provider);
      expect(reader.doc.getText("content").toString()).toBe(text);
      reader.destroy();
    }
    const doc = "w0000000001/d0000000002";
    const writer = connectStockClient(relay.syncUrl, doc, relay.token({ doc, sub: "u_new", name: "New" }));
    await waitSynced(writer.provider);
    writer.doc.getText("content").insert(0, "after migration: ");
    await waitFor(() => storedProvenance(dataDir, doc).length === 1, 10_000, "provenance of the new edit");
    expect(storedProvenance(dataDir, doc)[0]?.userId).toBe("u_new");
    expect(storedRows(dataDir, doc).length).toBe((rowsBefore[doc] ?? 0) + 1);
    writer.destroy();
  });
});
