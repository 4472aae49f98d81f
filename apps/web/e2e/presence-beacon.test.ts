/**
 * A classmate's presence cannot make Quire fetch a URL or show a made-up name (security review
 * S4). Mallory, a viewer of the workspace, publishes presence through a stock client with
 * colours like `rgb(0 0 0) url(…)` — which, as the avatar's CSS `background`, made every
 * viewer's browser request the URL (a beacon from a viewer token) — and claims the name
 * "Teacher". In real Chromium: Ana's page requests nothing of that URL, and shows the name in
 * Mallory's token. The URL is same-origin on purpose: the CSP (img-src 'self' data:) stops a
 * foreign one, not this.
 */
import { connectStockClient, waitSynced } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import { waitUntil } from "./support/student.ts";

describe("presence colours and names", () => {
  const classroom = useClassroom();

  it("a hostile colour fetches nothing, and the token's name is shown", async () => {
    const ana = await classroom.student("Ana");
    const beaconRequests: string[] = [];
    ana.page.on("request", (request) => {
      if (request.url().includes("s4-beacon")) beaconRequests.push(request.url());
    });
    await ana.createWorkspace("Presence");
    const path = await ana.newDocument("Notes");
    await ana.caretAtEnd();
    await ana.type("Hello");
    const [, workspace, doc] = path.split("/").filter(Boolean) as [string, string, string];
    const mallory = connectStockClient(
      classroom.relay.syncUrl,
      `${workspace}/${doc}`,
      classroom.relay.token({ workspace, role: "viewer", name: "Mallory" }),
    );
    try {
      await waitSynced(mallory.provider);
      const beacon = (n: number) => `rgb(0 0 0) url(${classroom.relay.httpUrl}/s4-beacon-${n}.png)`;
      // The shape Lexical's collaboration plugin publishes, plus the stock `user` convention.
      mallory.provider.awareness.setLocalState({
        name: "Teacher",
        color: beacon(1),
        focusing: false,
        anchorPos: null,
        focusPos: null,
        awarenessData: { user: { name: "Teacher", color: beacon(2), colorLight: beacon(3) } },
        user: { name: "Teacher", color: beacon(4) },
      });
      const presence = ana.page.getByTestId("presence");
      await waitUntil(async () => (await presence.locator("li.avatar").count()) === 2, 30_000, () => "Mallory's presence shown");
      // Time for a background image to be requested, had one been set.
      await ana.page.waitForTimeout(2_000);
      expect(beaconRequests).toEqual([]);
      const names = await presence.locator("li.avatar").evaluateAll((items) => items.map((item) => item.getAttribute("data-name")));
      expect(names).toContain("Mallory");
      expect(names).not.toContain("Teacher");
    } finally {
      mallory.destroy();
    }
  });
});
