/**
 * @module heap
 * Forced garbage collection for heap measurements without requiring `--expose-gc` on the
 * command line (`pnpm bench` runs through tsx): V8 lets a running process enable the flag
 * and fetch `gc` from a fresh context.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Heap used after two full collections (the second catches what finalizers freed). */
export function settledHeapBytes(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
