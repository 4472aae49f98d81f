/**
 * The repo itself keeps the rules: nothing outside known-violations.json, which only lists
 * violations with an owner removing them. This also guards the relay's
 * DocumentRoom ↔ message-handler cycle (issue 11, item 2), removed through room-port.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, checkDependencies, format } from "./check-dependencies.ts";
import { readKnownViolations, triage } from "./known-violations.ts";

describe("the repo against the dependency rules", () => {
  it("has no violation outside the known list, and no import cycle at all", async () => {
    const found = await checkDependencies({ baseDir: REPO_ROOT });
    const { fresh } = triage(found, readKnownViolations());
    expect(fresh.map(format)).toEqual([]);
    expect(found.filter((violation) => violation.rule === "no-circular").map(format)).toEqual([]);
  }, 60_000);
});

describe("known violations", () => {
  const a = { rule: "no-circular", from: "apps/x/src/a.ts", to: "apps/x/src/b.ts", cycle: ["apps/x/src/b.ts", "apps/x/src/a.ts"] };
  const b = { rule: "packages-not-to-apps", from: "packages/p/src/i.ts", to: "apps/x/src/a.ts" };
  const entry = (violation: string) => ({ violation, owner: "someone", why: "because" });

  it("splits found violations into fresh and known, and known entries that no longer occur into stale", () => {
    const result = triage([a, b], [entry(format(b)), entry("no-circular: gone.ts → gone.ts")]);
    expect(result.fresh).toEqual([a]);
    expect(result.known.map((k) => k.violation)).toEqual([format(b)]);
    expect(result.stale.map((k) => k.violation)).toEqual(["no-circular: gone.ts → gone.ts"]);
  });

  it("refuses an entry without an owner", () => {
    const dir = mkdtempSync(join(tmpdir(), "quire-known-"));
    try {
      const file = join(dir, "known.json");
      writeFileSync(file, JSON.stringify({ violations: [{ violation: format(b), owner: "", why: "x" }] }));
      expect(() => readKnownViolations(file)).toThrow(/entry 0 needs/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the repo's list parses and every entry names an owner", () => {
    for (const known of readKnownViolations()) expect(known.owner).not.toBe("");
  });
});
