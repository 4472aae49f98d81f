/**
 * Issue 9 finding 7: the served app has a Content-Security-Policy strict enough to matter
 * (apps/relay/src/http/security-headers.ts), and the app runs under it without one violation
 * through everything a student does: start a workspace, create a doc, type, format, add a
 * link (the link box), a table and a picture (a data: URL), sync over the websocket, reload
 * through the service worker. Then it shows the policy is enforced, not merely present: an
 * injected inline script does not run and a picture from another site does not load.
 */
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";


interface Violation {
  directive: string;
  blocked: string;
}

declare global {
  interface Window {
    __cspViolations?: Violation[];
    __injectedRan?: boolean;
  }
}

describe("content security policy", () => {
  const classroom = useClassroom();

  it("the app runs with no violation through create, type, link, table, picture and a classmate's cursor; injected script and remote images are blocked", async () => {
    const ana = await classroom.student("Ana");
    const ben = await classroom.student("Ben");
    const consoleReports: string[] = [];
    for (const student of [ana, ben]) {
      student.page.on("console", (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) consoleReports.push(`${student.name}: ${message.text()}`);
      });
      // Before any page script: every violation the page sees is recorded, across reloads.
      await student.page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", (event) => {
          window.__cspViolations?.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
        });
      });
    }
    const violationsOf = async (student: typeof ana) => (await student.page.evaluate(() => window.__cspViolations ?? [])) as Violation[];
    const violations = () => violationsOf(ana);

    const response = await ana.page.goto("/");
    expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self'/);
    await ana.createWorkspace("Policy");
    const code = await ana.editorJoinCode();
    await ana.newDocument("Strict");
    await ana.caretAtEnd();
    const k = ana.page.keyboard;
    await ana.type("# Heading");
    await k.press("Enter");
    await k.press("Control+b");
    await ana.type("bold words");
    await k.press("Control+b");
    await k.press("Enter");
    await ana.type("Link here");
    await k.press("Shift+Home");
    await ana.linkSelection("example.org/volcano");
    await ana.newLineAtEnd();
    await ana.insertTable();
    await ana.type("cell");
    const picture = await ana.insertPicture();
    expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await ana.waitForRelaySaved();
    await ana.waitForServiceWorker();
    await ana.page.reload();
    await ana.waitForText(["Heading", "bold words", "Link here", "cell"]);
    await ana.waitForConnection("online");
    // A classmate in the same doc: presence, remote cursors and selections are drawn too.
    await ben.join(code);
    await ben.openFromSidebar("Strict");
    await ben.waitForText(["Heading", "cell"]);
    await ben.selectText("bold words");
    await ana.page.locator(".editor-page").getByText("Ben").first().waitFor();
    expect(await violationsOf(ben)).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(consoleReports).toEqual([]);

    // Enforced: an injected inline script does not run; a remote picture does not load.
    await ana.page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__injectedRan = true";
      document.body.append(script);
      const img = document.createElement("img");
      img.src = "https://tracker.example/pixel.png";
      document.body.append(img);
    });
    await ana.page.waitForFunction(() => (window.__cspViolations?.length ?? 0) >= 2);
    expect(await ana.page.evaluate(() => window.__injectedRan)).toBeUndefined();
    const blocked = await violations();
    expect(blocked.map((v) => v.directive).sort()).toEqual(["img-src", "script-src-elem"]);
    expect(blocked.find((v) => v.directive === "img-src")?.blocked).toBe("https://tracker.example/pixel.png");
  });
});
