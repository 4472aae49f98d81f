export type { CheckDependenciesOptions, DependencyViolation } from "./check-dependencies.ts";
export { REPO_CONFIG, REPO_ROOT, checkDependencies, format } from "./check-dependencies.ts";
