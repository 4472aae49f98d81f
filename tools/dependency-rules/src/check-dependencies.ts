/**
 * @module check-dependencies
 * Runs dependency-cruiser's rules (the repo's `.dependency-cruiser.cjs`) over a tree laid out
 * like this repo: the workspace roots packages/, apps/, bench/, tests/ and tools/ under one
 * base directory. Used by `pnpm lint` on the repo and by the tests on planted fixtures.
 *
 * Invariants: paths in the result are relative to `baseDir` with forward slashes; the result
 * is sorted, so two runs over the same tree print the same lines.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

/** The repo root (this file is tools/dependency-rules/src/check-dependencies.ts). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The repo's rule set, the one `pnpm lint` checks. */
export const REPO_CONFIG = join(REPO_ROOT, ".dependency-cruiser.cjs");

/** The directories that hold workspace roots; those absent from a tree are skipped. */
const ROOT_DIRECTORIES = ["packages", "apps", "bench", "tests", "tools"] as const;

export interface CheckDependenciesOptions {
  /** The tree to check; rule paths are relative to it. */
  baseDir: string;
  /** A dependency-cruiser config; defaults to the repo's. */
  configFile?: string;
  /**
   * The tsconfig used to parse and resolve (its `paths` become aliases). Defaults to the
   * config's `options.tsConfig.fileName`, taken relative to `baseDir`.
   */
  tsConfigFile?: string;
}

/** One broken rule: which rule, and the import (or, for a cycle, the loop) that breaks it. */
export interface DependencyViolation {
  rule: string;
  from: string;
  to: string;
  /** For `no-circular`: the modules of the loop, starting after `from` and ending at it. */
  cycle?: string[];
}

/** Checks the tree and returns every violation of an error- or warn-level rule. */
export async function checkDependencies(options: CheckDependenciesOptions): Promise<DependencyViolation[]> {
  const baseDir = resolve(options.baseDir);
  const cruiseOptions = await extractDepcruiseOptions(options.configFile ?? REPO_CONFIG);
  const tsConfigName = options.tsConfigFile ?? cruiseOptions.tsConfig?.fileName;
  const tsConfigFile = tsConfigName === undefined ? undefined : resolve(baseDir, tsConfigName);
  if (tsConfigFile !== undefined && !existsSync(tsConfigFile)) {
    throw new Error(`dependency rules: tsconfig ${tsConfigFile} does not exist`);
  }
  const roots = ROOT_DIRECTORIES.filter((dir) => existsSync(join(baseDir, dir)));
  if (roots.length === 0) throw new Error(`dependency rules: no workspace roots under ${baseDir}`);

  const result = await cruise(
    [...roots],
    {
      ...cruiseOptions,
      baseDir,
      ...(tsConfigFile === undefined ? {} : { tsConfig: { fileName: tsConfigFile } }),
    },
    {},
    { tsConfig: tsConfigFile === undefined ? {} : extractTSConfig(tsConfigFile) },
  );
  const output = result.output;
  // With no outputType the API returns the result object; text would mean the API changed.
  if (typeof output === "string") throw new Error("dependency rules: dependency-cruiser returned text, not a result");
  return toViolations(output);
}

function toViolations(result: ICruiseResult): DependencyViolation[] {
  const violations = (result.summary.violations ?? []).map((violation: IViolation) => ({
    rule: violation.rule.name,
    from: violation.from,
    to: violation.to,
    ...(violation.cycle === undefined ? {} : { cycle: violation.cycle.map((step) => step.name) }),
  }));
  return violations.sort((a, b) => format(a).localeCompare(format(b)));
}

/** One line per violation, e.g. `packages-not-to-apps: packages/a/src/x.ts → apps/b/src/y.ts`. */
export function format(violation: DependencyViolation): string {
  const path = violation.cycle === undefined ? [violation.from, violation.to] : [violation.from, ...violation.cycle];
  return `${violation.rule}: ${path.join(" → ")}`;
}
