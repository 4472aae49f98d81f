/**
 * One test runner for the whole repo. Projects:
 * - core, client, relay, web-unit, bench (harness), tools, reliability: fast tests, run by `npm test`.
 * - e2e: real headless Chromium against a real relay process, run by `npm test`.
 * - soak: long randomized runs, only with QUIRE_SOAK=1 (`pnpm soak`).
 * Workspace packages resolve to their TypeScript source through the `source` condition.
 */
import { defineConfig } from "vitest/config";

const conditions = ["source", "module", "node", "import", "default"];
const shared = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["source"] } },
};
const soak = process.env.QUIRE_SOAK === "1";

export default defineConfig({
  test: {
    reporters: ["default"],
    projects: [
      {
        ...shared,
        test: { name: "core", include: ["packages/*/src/**/*.test.ts"], exclude: ["packages/client/**", "**/node_modules/**"], environment: "node" },
      },
      // The browser data layer: Node with fake-indexeddb and real `ws` sockets to a real relay
      // process (the same budget as apps/web's unit tests, where these tests lived before).
      {
        ...shared,
        test: { name: "client", include: ["packages/client/src/**/*.test.ts"], environment: "node", testTimeout: 15_000 },
      },
      {
        ...shared,
        test: {
          name: "relay",
          include: ["apps/relay/src/**/*.test.ts", "apps/relay/test/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        ...shared,
        test: {
          name: "web-unit",
          include: ["apps/web/src/**/*.test.{ts,tsx}"],
          environment: "node",
          testTimeout: 15_000,
          // apps/web/src/transfer/markdown-converters.ts imports @lexical/markdown's dist file by
          // path: processed by Vite (not Node), so its `lexical` import resolves like the app's.
          server: { deps: { inline: [/@lexical\/markdown\/dist\//] } },
        },
      },
      {
        ...shared,
        test: {
          name: "e2e",
          include: ["apps/web/e2e/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...shared,
        test: { name: "bench", include: ["bench/src/**/*.test.ts"], environment: "node", testTimeout: 60_000 },
      },
      {
        ...shared,
        test: { name: "tools", include: ["tools/*/src/**/*.test.ts"], environment: "node", testTimeout: 60_000 },
      },
      {
        ...shared,
        test: {
          name: "reliability",
          include: ["tests/reliability/src/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      ...(soak
        ? [
            {
              ...shared,
              test: {
                name: "soak",
                include: ["tests/reliability/src/**/*.soak.ts"],
                environment: "node",
                testTimeout: 3_600_000,
                hookTimeout: 120_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
