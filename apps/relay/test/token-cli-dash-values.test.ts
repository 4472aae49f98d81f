/**
 * Token ids are random base64url, so one in 64 starts with "-". node:util parseArgs reads
 * `--revoke -KMV…` as a missing value followed by an unknown option and refused it ("argument
 * is ambiguous"): the operator could not revoke that token, and the revocation test failed
 * whenever its random jti started with a dash (CI of e5fa586).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const TOKEN_CLI = resolve(import.meta.dirname, "../dist/token-cli.js");
const dataDir = mkdtempSync(join(tmpdir(), "quire-token-cli-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(args: string[]): string {
  return execFileSync(process.execPath, [TOKEN_CLI, ...args, "--data-dir", dataDir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

describe("token CLI with values that start with a dash", () => {
  it("revokes a token id that starts with '-'", () => {
    const result = execFileSync(process.execPath, [TOKEN_CLI, "--revoke", "-KMVXklZzVCXV2Ar", "--data-dir", dataDir], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(result).toBe("");
    // The revocation is stored under exactly that id: revoking it again is accepted too.
    expect(() => run(["--revoke=-KMVXklZzVCXV2Ar"])).not.toThrow();
  });

  it("signs a token for a user whose name starts with '-'", () => {
    const token = run(["--doc", "w0123456789/report", "--role", "editor", "--user", "-dash"]).trim();
    expect(token.split(".")).toHaveLength(3);
  });
});
