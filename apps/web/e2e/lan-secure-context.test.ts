/**
 * Issue 14, item 4: a hub on the classroom LAN, opened by a non-loopback address. The relay
 * runs in a network namespace the test makes (10.x, reached over a veth pair), Chromium runs
 * outside it, as a student's laptop on the class Wi-Fi.
 *
 * - Over https (TLS=auto) with the hub's CA trusted through the profile's NSS database (what
 *   device management does): the page is a secure context, gets a service worker, says
 *   "All documents available offline", and reloads with the hub stopped.
 * - Over plain http at the same kind of address: no secure context, no service worker, and
 *   the header says so instead of claiming offline use.
 *
 * Needs root for the namespace and `certutil` (libnss3-tools, installed by .ci/run); skipped
 * with the reason where either is missing.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumAvailable, LanNamespace, launchChromium, PHONE, RelayProcess, type Screen } from "@quire/testkit";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_DIST } from "./support/classroom.ts";
import { Student } from "./support/student.ts";

function certutilMissing(): string | null {
  try {
    execFileSync("certutil", ["-H"], { stdio: "ignore" });
    return null;
  } catch (error) {
    // `certutil -H` prints its help and exits 1; only a missing binary is ENOENT.
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "certutil missing (apt-get install -y libnss3-tools)" : null;
  }
}

const why = !chromiumAvailable ? "no Chromium" : (LanNamespace.unavailable() ?? certutilMissing());

describe.skipIf(why !== null)(`the hub on the LAN${why ? ` (skipped: ${why})` : ""}`, () => {
  let ns: LanNamespace;
  let secure: RelayProcess;
  let plain: RelayProcess;
  let home: string;
  let browser: Browser;
  const students: Student[] = [];

  beforeAll(async () => {
    ns = await LanNamespace.create();
    const env = { STATIC_DIR: WEB_DIST };
    secure = await RelayProcess.start({ wrap: ns.exec, host: ns.address, env: { ...env, TLS: "auto" } });
    plain = await RelayProcess.start({ wrap: ns.exec, host: ns.address, env: { ...env, TLS: "off" } });
    // The student's laptop trusts the hub's CA the way device management installs it: in the
    // user's NSS database, which Chromium on Linux reads from $HOME/.pki/nssdb.
    home = mkdtempSync(join(tmpdir(), "quire-lan-home-"));
    const nssdb = join(home, ".pki/nssdb");
    mkdirSync(nssdb, { recursive: true });
    execFileSync("certutil", ["-N", "-d", `sql:${nssdb}`, "--empty-password"]);
    execFileSync("certutil", ["-A", "-d", `sql:${nssdb}`, "-t", "C,,", "-n", "Quire hub CA", "-i", join(secure.dataDir, "tls/hub-ca.crt")]);
    browser = await launchChromium({ launch: { env: { ...process.env, HOME: home } } });
  });

  afterAll(async () => {
    for (const s of students) await s.close().catch(() => {});
    await browser?.close();
    await secure?.stop();
    await plain?.stop();
    await ns?.destroy();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  async function student(name: string, url: string, screen?: Screen): Promise<Student> {
    const s = await Student.open(browser, url, name, screen);
    students.push(s);
    return s;
  }

  it("over https with the hub's CA trusted: a service worker, the offline claim, and a reload with the hub stopped", async () => {
    expect(secure.httpUrl).toBe(`https://${ns.address}:${secure.port}`);
    const ana = await student("Ana", secure.httpUrl);
    await ana.createWorkspace("LAN class");
    await ana.newDocument("Rivers");
    await ana.caretAtEnd();
    await ana.type("Written on the hub.");
    await ana.waitForRelaySaved();
    expect(await ana.page.evaluate(() => window.isSecureContext)).toBe(true);
    await ana.waitForServiceWorker();
    const note = ana.page.locator('[data-testid="background-sync"][data-readiness="ready"]');
    await expect.poll(() => note.textContent()).toBe("All documents available offline");

    await secure.stop({ removeData: false });
    await ana.page.reload();
    await ana.editor.waitFor();
    await ana.waitForText(["Written on the hub."]);
    await ana.waitForConnection("offline");
  });

  it("over plain http: no secure context, no service worker, and the header says so (on a phone too)", async () => {
    expect(plain.httpUrl).toBe(`http://${ns.address}:${plain.port}`);
    const ben = await student("Ben", plain.httpUrl, PHONE);
    await ben.createWorkspace("LAN class over http");
    const warning = ben.page.getByTestId("offline-unavailable");
    await expect.poll(() => warning.textContent()).toBe("This device cannot keep the app offline here: open it by its secure (https) address");
    expect(await ben.page.evaluate(() => ({ secure: window.isSecureContext, worker: "serviceWorker" in navigator }))).toEqual({ secure: false, worker: false });
    expect(await ben.page.getByText("All documents available offline").count()).toBe(0);
    // Said on a phone's narrow header too, without pushing the page sideways.
    expect(await warning.isVisible()).toBe(true);
    expect(await ben.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
