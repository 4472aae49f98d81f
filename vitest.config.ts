/**
 * One test runner for the whole repo. Projects:
 * - core, client, relay, web-unit, bench (harness), tools, reliability: fast tests, run by `npm test`.
 * - e2e: real headless Chromium against a real relay process, run by `npm test`.
 * - timing: relay tests with wall-clock bounds, run one at a time after everything else.
 * - soak: long randomized runs, only with QUIRE_SOAK=1 (`pnpm soak`).
 * Workspace packages resolve to their TypeScript source through the `source` condition.
 */
import { defineConfig } from "vitest/config";
import { preactAliases } from "./apps/web/build/preact-aliases.ts";

const conditions = ["source", "module", "node", "import", "default"];
const shared = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["source"] } },
};
const soak = process.env.QUIRE_SOAK === "1";
/**
 * Tests that assert wall-clock bounds (a keystroke round trip during an attack, a socket closed
 * within a second, CPU charged per update): they run in the sequential group after everything
 * else (e2e included), one file at a time, so parallel files cannot inflate their timings.
 */
const timing = [
  "apps/relay/test/expensive-integration.test.ts",
  "apps/relay/test/commenter-expensive-integration.test.ts",
  "apps/relay/test/history-index-off-loop.test.ts",
  "apps/relay/test/class-removal.test.ts",
  "apps/relay/test/hub-faulty-uplink.test.ts",
  "apps/relay/src/sync/cpu-time.test.ts",
  "tests/reliability/src/expensive-update-fuzz.test.ts",
];
/**
 * Most test files wait on sockets, child processes and Chromium, not the CPU: on a 2-core CI
 * machine Vitest's default (cores - 1 = 1 worker) ran all 262 files one after another (22 min).
 * QUIRE_TEST_WORKERS overrides it.
 */
const maxWorkers = Number(process.env.QUIRE_TEST_WORKERS ?? 3);

export default defineConfig({
  test: {
    reporters: ["default"],
    maxWorkers,
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
          exclude: [...timing, "**/node_modules/**"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        ...shared,
        // The renderer users get (preact/compat), not React: see apps/web/build/preact-aliases.ts.
        resolve: { ...shared.resolve, alias: preactAliases },
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
          // Two Chromium files at a time, after the parallel group (each starts its own relay
          // and browser; most of their time is waiting on them).
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
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
          exclude: [...timing, "**/node_modules/**"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...shared,
        test: { name: "timing", include: timing, environment: "node", fileParallelism: false, testTimeout: 120_000, hookTimeout: 60_000 },
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
