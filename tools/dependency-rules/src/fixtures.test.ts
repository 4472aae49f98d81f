/**
 * Every rule of the repo's `.dependency-cruiser.cjs` bites its planted violation in
 * ../fixtures (each marked `PLANTED` there), and nothing else in that tree is reported: test
 * files beside browser code, e2e code, a `paths` alias and same-root relative imports pass.
 */
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDependencies, format } from "./check-dependencies.ts";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

describe("the dependency rules on planted violations", () => {
  let tree = "";
  let lines: string[] = [];

  beforeAll(async () => {
    // A copy, because git keeps no node_modules: the link makes `@fx/relay/token` resolve the
    // way pnpm resolves a workspace package, through its package.json `source` condition.
    tree = realpathSync(mkdtempSync(join(tmpdir(), "quire-depcruise-")));
    cpSync(FIXTURES, tree, { recursive: true });
    mkdirSync(join(tree, "node_modules", "@fx"), { recursive: true });
    symlinkSync(join(tree, "apps", "relay"), join(tree, "node_modules", "@fx", "relay"), "dir");
    const violations = await checkDependencies({ baseDir: tree, tsConfigFile: "tsconfig.json" });
    lines = violations.map(format);
  }, 60_000);

  afterAll(() => {
    if (tree !== "") rmSync(tree, { recursive: true, force: true });
  });

  it("no-circular reports a cycle closed by a type-only import", () => {
    expect(lines.filter((line) => line.startsWith("no-circular:"))).toEqual([
      "no-circular: apps/relay/src/handler.ts → apps/relay/src/room.ts → apps/relay/src/handler.ts",
    ]);
  });

  it("packages-not-to-apps reports a package importing an app by its package name", () => {
    expect(lines.filter((line) => line.startsWith("packages-not-to-apps:"))).toEqual([
      "packages-not-to-apps: packages/kit/src/index.ts → apps/relay/src/token.ts",
    ]);
  });

  it("apps-not-to-other-apps reports an app importing another through a tsconfig paths alias", () => {
    expect(lines.filter((line) => line.startsWith("apps-not-to-other-apps:"))).toEqual([
      "apps-not-to-other-apps: apps/web/src/main.ts → apps/relay/src/index.ts",
    ]);
  });

  it("no-relative-across-roots reports relative paths into another root, from an app and from bench", () => {
    expect(lines.filter((line) => line.startsWith("no-relative-across-roots:"))).toEqual([
      "no-relative-across-roots: apps/web/src/main.ts → packages/kit/src/index.ts",
      "no-relative-across-roots: bench/src/run.ts → apps/web/src/main.ts",
    ]);
  });

  it("browser-no-node-builtins covers apps/web and core, client, history, with or without node:", () => {
    // dependency-cruiser names a built-in without its `node:` prefix.
    expect(lines.filter((line) => line.startsWith("browser-no-node-builtins:"))).toEqual([
      "browser-no-node-builtins: apps/web/src/main.ts → crypto",
      "browser-no-node-builtins: apps/web/src/main.ts → os",
      "browser-no-node-builtins: packages/client/src/store.ts → events",
      "browser-no-node-builtins: packages/core/src/index.ts → fs",
      "browser-no-node-builtins: packages/history/src/diff.ts → util",
      "browser-no-node-builtins: packages/history/src/view.ts → util",
    ]);
  });

  it("browser-no-node-builtins follows imports: through a file of the same package and through a Node-only package", () => {
    expect(lines).toContain("browser-no-node-builtins: packages/history/src/view.ts → util");
    expect(lines).toContain("browser-no-node-builtins: apps/web/src/main.ts → os");
    // The Node-only package itself is not browser code.
    expect(lines.filter((line) => line.includes("packages/server-kit/src/index.ts →"))).toEqual([]);
  });

  it("not-to-unresolvable reports an import of a file that does not exist", () => {
    expect(lines.filter((line) => line.startsWith("not-to-unresolvable:"))).toEqual([
      "not-to-unresolvable: packages/kit/src/missing.ts → ./gone.ts",
    ]);
  });

  it("reports nothing but the planted violations", () => {
    expect(lines).toHaveLength(12);
  });
});
