/**
 * @module classroom
 * The setting every browser e2e file shares: one real relay serving the built app, one
 * Chromium, and the students (browser contexts) a test opens in it. `useClassroom()` registers
 * the vitest hooks that start them before the file's tests and tear them down after, so a
 * test only says who takes part.
 *
 * @example
 * const classroom = useClassroom();
 * it("syncs", async () => {
 *   const ana = await classroom.student("Ana");
 *   await classroom.relay.kill("SIGKILL"); // the relay object is the real process
 * });
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Relay, type Screen, useChromium, useRelay } from "@quire/testkit";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { Student } from "./student.ts";

/** The built web app the relay serves, as `npm start` does. */
export const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist");

export interface ClassroomOptions {
  /** Extra relay environment (limits and the like), on top of STATIC_DIR. */
  relayEnv?: Record<string, string>;
}

export interface Classroom {
  /** The relay process: tests may kill and restart it; it keeps its port, so pages reconnect. */
  readonly relay: Relay;
  readonly browser: Browser;
  /**
   * Opens a student in a fresh browser context on the relay (a 1280×800 laptop unless `screen`
   * says otherwise); closed after the file's tests.
   */
  student(name: string, screen?: Screen): Promise<Student>;
}

/** Call at the top of a `describe` (or file): registers its `beforeAll`/`afterAll`. */
export function useClassroom(options: ClassroomOptions = {}): Classroom {
  const students: Student[] = [];
  // Registered first, so it runs before the relay starts: a clear message instead of a relay
  // that answers every page with "the web app is not built".
  beforeAll(() => {
    if (!existsSync(resolve(WEB_DIST, "index.html")) || !existsSync(resolve(WEB_DIST, "sw.js"))) {
      throw new Error(`${WEB_DIST} has no built app: run \`pnpm --filter @quire/web build\` (npm test does)`);
    }
  });
  const relay = useRelay({ env: { ...options.relayEnv, STATIC_DIR: WEB_DIST } });
  const chromium = useChromium();
  afterAll(async () => {
    // Best effort: a context may already be gone when its test failed half-way. Runs before
    // the browser closes and the relay stops (vitest runs after-hooks in reverse order).
    for (const s of students) await s.close().catch(() => {});
  });

  return {
    relay,
    get browser(): Browser {
      return chromium.browser;
    },
    async student(name, screen) {
      const student = await Student.open(chromium.browser, relay.httpUrl, name, screen);
      students.push(student);
      return student;
    },
  };
}
