/**
 * @module seeds
 * Seed selection for randomized tests. `SEED=<n>` replays one seed; otherwise a test runs
 * `count` seeds starting at `SEED_BASE` (default: a fixed base, so `npm test` is repeatable,
 * while `SEED_BASE=random` explores fresh seeds). Every failure message carries the exact
 * command that replays it.
 */

export interface SeedPlan {
  seeds: number[];
  /** True when one seed was requested with SEED=… (a replay). */
  replay: boolean;
}

/** Seeds to run: `SEED` alone if set, else `count` consecutive seeds from `SEED_BASE`. */
export function planSeeds(count: number, defaultBase: number, env: NodeJS.ProcessEnv = process.env): SeedPlan {
  const single = env.SEED;
  if (single !== undefined && single !== "") {
    const seed = Number(single);
    if (!Number.isSafeInteger(seed)) throw new TypeError(`SEED must be an integer, got ${JSON.stringify(single)}`);
    return { seeds: [seed], replay: true };
  }
  const baseEnv = env.SEED_BASE;
  let base = defaultBase;
  if (baseEnv === "random") base = Math.floor(Math.random() * 2 ** 31);
  else if (baseEnv !== undefined && baseEnv !== "") base = Number(baseEnv);
  if (!Number.isSafeInteger(base)) throw new TypeError(`SEED_BASE must be an integer or "random", got ${baseEnv}`);
  return { seeds: Array.from({ length: count }, (_, i) => base + i), replay: false };
}

/** The shell command that reruns exactly `seed` of a test file in a vitest project. */
export function replayCommand(project: "reliability" | "soak", fileFilter: string, seed: number): string {
  const soak = project === "soak" ? "QUIRE_SOAK=1 " : "";
  return `${soak}SEED=${seed} pnpm -s exec vitest run --project ${project} ${fileFilter}`;
}

/** Runs `body`, and on failure rethrows with the seed and its replay command prepended. */
export async function withReplay<T>(
  seed: number,
  command: string,
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const wrapped = new Error(`seed ${seed} failed — replay with:\n  ${command}\n${message}`);
    if (error instanceof Error && error.stack) wrapped.stack = `${wrapped.message}\n${error.stack}`;
    // Printed too, because a timeout in a later hook can swallow the thrown message.
    console.error(`[replay] seed ${seed}: ${command}`);
    throw wrapped;
  }
}
