/**
 * The bench harness's own unit tests (`pnpm --filter @quire/bench test`). The root config's
 * projects do not cover bench/ yet; this keeps them runnable meanwhile.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { include: ["src/**/*.test.ts"], environment: "node" } });
