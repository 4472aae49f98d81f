/**
 * `pnpm lint`'s dependency check over the repo. Exits 1 on any violation that is not in
 * known-violations.json; lists known ones still waiting for their owner, and known entries
 * that no longer occur (delete those). Alone: `pnpm -s --filter @quire/dependency-rules run check`.
 */
import { REPO_ROOT, checkDependencies, format } from "./check-dependencies.ts";
import { readKnownViolations, triage } from "./known-violations.ts";

const started = performance.now();
const { fresh, known, stale } = triage(await checkDependencies({ baseDir: REPO_ROOT }), readKnownViolations());
const seconds = ((performance.now() - started) / 1000).toFixed(1);
for (const entry of stale) {
  console.warn(`dependency rules: fixed, delete it from tools/dependency-rules/known-violations.json: ${entry.violation}`);
}
if (known.length > 0) {
  console.log(`dependency rules: ${known.length} known violation(s) waiting for their owners (tools/dependency-rules/known-violations.json)`);
}
if (fresh.length > 0) {
  for (const violation of fresh) console.error(format(violation));
  console.error(`dependency rules: ${fresh.length} violation(s); .dependency-cruiser.cjs says why each rule exists`);
  process.exitCode = 1;
} else {
  console.log(`dependency rules: no new violations (${seconds} s)`);
}
