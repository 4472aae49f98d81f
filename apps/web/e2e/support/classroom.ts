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
import type { RelayProcess } from "@quire/testkit";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser.ts";
import { startRelayWithApp } from "./relay.ts";
import type { Screen } from "./screens.ts";
import { Student } from "./student.ts";

export interface ClassroomOptions {
  /** Extra relay environment (limits and the like), on top of STATIC_DIR. */
  relayEnv?: Record<string, string>;
}

export interface Classroom {
  /** The relay process: tests may kill and restart it; it keeps its port, so pages reconnect. */
  readonly relay: RelayProcess;
  readonly browser: Browser;
  /**
   * Opens a student in a fresh browser context on the relay (a 1280×800 laptop unless `screen`
   * says otherwise); closed after the file's tests.
   */
  student(name: string, screen?: Screen): Promise<Student>;
}

/** Call at the top of a `describe` (or file): registers its `beforeAll`/`afterAll`. */
export function useClassroom(options: ClassroomOptions = {}): Classroom {
  let relay: RelayProcess | undefined;
  let browser: Browser | undefined;
  const students: Student[] = [];

  beforeAll(async () => {
    relay = await startRelayWithApp(options.relayEnv);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    // Best effort: a context may already be gone when its test failed half-way.
    for (const s of students) await s.close().catch(() => {});
    await browser?.close();
    await relay?.stop({ removeData: true });
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the classroom's ${what} is not started: use it inside a test, after beforeAll`);
    return value;
  };
  return {
    get relay() {
      return started(relay, "relay");
    },
    get browser() {
      return started(browser, "browser");
    },
    async student(name, screen) {
      const student = await Student.open(started(browser, "browser"), started(relay, "relay").httpUrl, name, screen);
      students.push(student);
      return student;
    },
  };
}
