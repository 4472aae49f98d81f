/**
 * `pnpm lint`'s dependency check: prints each broken rule and exits 1, or prints a one-line
 * summary and exits 0. Run it alone with `pnpm -s --filter @quire/dependency-rules run check`.
 */
import { REPO_ROOT, checkDependencies, format } from "./check-dependencies.ts";

const started = performance.now();
const violations = await checkDependencies({ baseDir: REPO_ROOT });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (violations.length > 0) {
  for (const violation of violations) console.error(format(violation));
  console.error(`dependency rules: ${violations.length} violation(s) (.dependency-cruiser.cjs says why each rule exists)`);
  process.exitCode = 1;
} else {
  console.log(`dependency rules: no violations (${seconds} s)`);
}
