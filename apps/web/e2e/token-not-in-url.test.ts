/**
 * The web app keeps its token out of websocket URLs (issue 10): Chromium prints a failed
 * socket's URL in the console ("WebSocket connection to 'ws://…' failed"), where anyone at
 * the laptop, or a screenshot of the dev tools, could read a token valid for months. In real
 * Chromium against a real relay: no socket URL carries `token=`, none of the console's
 * messages while the relay is down does, and the document still syncs (the token goes in the
 * handshake's subprotocol header).
 */
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import { waitUntil } from "./support/student.ts";

describe("token not in websocket URLs", () => {
  const classroom = useClassroom();

  it("no socket URL or console message carries the token; edits still reach the relay", async () => {
    const ana = await classroom.student("Ana");
    const socketUrls: string[] = [];
    const consoleLines: string[] = [];
    ana.page.on("websocket", (ws) => socketUrls.push(ws.url()));
    ana.page.on("console", (message) => consoleLines.push(message.text()));
    await ana.createWorkspace("Tokens");
    await ana.newDocument("Private");
    await ana.caretAtEnd();
    await ana.type("saved through the header");
    await ana.waitForRelaySaved();
    expect(socketUrls.length).toBeGreaterThan(0);

    // With the relay gone every reconnect fails, and Chromium logs each failed URL.
    await classroom.relay.kill("SIGKILL");
    await waitUntil(
      async () => consoleLines.some((line) => /WebSocket connection to .* failed/.test(line)),
      60_000,
      () => `a failed-socket console message; saw ${JSON.stringify(consoleLines.slice(-5))}`,
    );
    await ana.type(" and while the relay was down");
    await waitUntil(async () => (await ana.saveState()).relay !== "saved", 10_000, () => "the new words to be not yet saved");
    await classroom.relay.restart();
    await ana.waitForRelaySaved();

    const leaks = [...socketUrls, ...consoleLines].filter((text) => /token=/.test(text));
    expect(leaks).toEqual([]);
  });
});
