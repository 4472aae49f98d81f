export type { CheckDependenciesOptions, DependencyViolation } from "./check-dependencies.ts";
export { REPO_CONFIG, REPO_ROOT, checkDependencies, format } from "./check-dependencies.ts";
export type { KnownViolation, Triage } from "./known-violations.ts";
export { KNOWN_VIOLATIONS_FILE, readKnownViolations, triage } from "./known-violations.ts";
