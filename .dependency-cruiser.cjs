/**
 * The import rules that keep Quire's shape (issue 11, item 5). `pnpm lint` checks them through
 * tools/dependency-rules (dependency-cruiser's API: its CLI needs Node 22, the repo runs on 20).
 * Each rule has a planted violation in tools/dependency-rules/fixtures that its test proves bites.
 *
 * A "root" is one workspace member: packages/<name>, apps/<name>, tests/<name>, tools/<name>
 * and bench. Paths are relative to the directory being checked (the repo root, or a fixture).
 */

/** Captures the root a path belongs to as $1 (used by rules that compare two roots). */
const ROOT = "^(packages/[^/]+|apps/[^/]+|tests/[^/]+|tools/[^/]+|bench)/";

/**
 * Code that runs in the browser. Written by path so a browser package is covered the moment
 * it lands (packages/history was being created when this was written). Tests beside the code
 * (`*.test.ts`) run under Node in vitest and may use node:fs; e2e, build scripts and
 * vite.config.ts live outside `src/` and run in Node too.
 */
const BROWSER_SOURCE = "^(apps/web/src|packages/(core|client|history|bus|search|comments)/src)/";
const TEST_FILE = "\\.test\\.tsx?$";

/** Node's built-in modules, as dependency-cruiser names them (it drops the `node:` prefix). */
const NODE_BUILTIN = `^(node:)?(${require("node:module").builtinModules.join("|")})$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "Modules that import each other cannot be understood, tested or moved apart alone. " +
        "Type-only imports count: a type cycle (DocumentRoom <-> message-handler) couples the " +
        "two designs just as much, and it becomes a runtime cycle the day someone drops `type`.",
      from: {},
      to: { circular: true },
    },
    {
      name: "packages-not-to-apps",
      severity: "error",
      comment:
        "Packages hold the logic and apps are thin wiring: a package that imports an app " +
        "cannot be used without it (move the shared code into a package instead).",
      from: { path: "^packages/" },
      to: { path: "^apps/" },
    },
    {
      name: "apps-not-to-other-apps",
      severity: "error",
      comment:
        "Each app is deployed alone; what two apps share belongs in a package. Tests that need " +
        "the relay start its built process (testkit), they do not import its source.",
      from: { path: "^apps/([^/]+)/" },
      to: { path: "^apps/", pathNot: "^apps/$1/" },
    },
    {
      name: "no-relative-across-roots",
      severity: "error",
      comment:
        "A relative path into another workspace member bypasses its package.json (its exports " +
        "and declared dependencies): import it by its package name instead.",
      from: { path: ROOT },
      to: { dependencyTypes: ["local"], dependencyTypesNot: ["aliased"], pathNot: "^$1/" },
    },
    {
      name: "browser-no-node-builtins",
      severity: "error",
      comment:
        "apps/web and the browser packages (core, client, history, bus, search, comments) run in the browser, where " +
        "node:* and Node built-ins do not exist; a bundler would fail or ship a shim. Checked " +
        "through any chain of our own modules, so a browser file that imports a Node-only " +
        "package (testkit, a server helper) is caught too, not only the file naming node:fs.",
      from: { path: BROWSER_SOURCE, pathNot: TEST_FILE },
      to: { path: NODE_BUILTIN, reachable: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment:
        "Every import must resolve, or the rules above cannot see where it goes (and a typo " +
        "would only fail at run time).",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "(^|/)node_modules/" },
    exclude: {
      // dist: build output; fixtures: the planted violations, checked by their own test.
      path: "(^|/)(node_modules|dist)/|^tools/dependency-rules/fixtures/|^bench/results/",
    },
    moduleSystems: ["es6", "cjs"],
    // Keep `import type` edges: see no-circular's comment.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      // `source` first: workspace packages export their TypeScript source under it, as the
      // vitest config and tsconfig.base.json resolve them.
      conditionNames: ["source", "import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs", ".jsx", ".json"],
    },
  },
};
