/**
 * Local-first start (issue 10, item 4): a workspace and its documents can be created with no
 * network at all and register with the relay the next time it is reachable — same workspace
 * id, no duplicate, no lost edit, the join code appears then. Joining needs the relay, so the
 * start screen says plainly, before anyone types, whether the device is offline ("You are
 * offline") or the network is up and the relay is not ("Can't reach the relay").
 */
import { afterEach, describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";

describe("starting without the relay", () => {
  const classroom = useClassroom();
  afterEach(async () => {
    // A test that failed half-way must not leave the next one without a relay.
    if (!classroom.relay.running) await classroom.relay.restart();
  });

  it("the start screen tells 'Can't reach the relay' from 'You are offline' before anyone types", async () => {
    const kim = await classroom.student("Kim");
    await kim.page.goto("/");
    await kim.waitForServiceWorker();
    const notice = kim.page.getByTestId("relay-reachability");
    expect(await notice.count()).toBe(0);

    await classroom.relay.kill("SIGKILL");
    await kim.page.reload(); // The app shell comes from the service worker.
    await notice.filter({ hasText: "Can't reach the relay" }).waitFor();
    expect(await notice.textContent()).not.toContain("offline");
    await kim.page.getByRole("tab", { name: "Join with a code" }).click();
    await notice.filter({ hasText: /joining .*needs the relay/i }).waitFor();
    expect(await kim.page.getByLabel("Join code").inputValue()).toBe("");

    await kim.setOffline(true);
    await notice.filter({ hasText: "You are offline" }).waitFor();
    expect(await notice.textContent()).not.toContain("Can't reach the relay");

    await classroom.relay.restart();
    await kim.setOffline(false);
    await notice.waitFor({ state: "detached" });
  });

  it("creates a workspace, a document and text offline; online, it registers once and a classmate joins", async () => {
    const ola = await classroom.student("Ola");
    await ola.page.goto("/");
    await ola.waitForServiceWorker();
    await ola.setOffline(true);
    await ola.page.getByTestId("relay-reachability").filter({ hasText: "You are offline" }).waitFor();

    await ola.createWorkspace("Nature walk");
    const workspacePath = new URL(ola.page.url()).pathname;
    await ola.newDocument("Birds we saw");
    await ola.caretAtEnd();
    await ola.type("A heron by the pond.");
    await ola.page.getByTestId("invite-pending").waitFor();
    expect(await ola.page.getByRole("button", { name: "Invite" }).count()).toBe(0);
    await ola.page.locator('[data-testid="connection"]', { hasText: "You are offline" }).waitFor();

    // Back online: the workspace registers under the id it already has, the code appears.
    await ola.setOffline(false);
    const code = await ola.editorJoinCode();
    await ola.waitForRelaySaved();
    expect(new URL(ola.page.url()).pathname.startsWith(workspacePath)).toBe(true);

    const pia = await classroom.student("Pia");
    await pia.join(code);
    expect(new URL(pia.page.url()).pathname).toBe(workspacePath);
    await pia.openFromSidebar("Birds we saw");
    await pia.waitForText(["A heron by the pond."]);
    expect((await pia.text()).split("A heron by the pond.").length - 1).toBe(1);
    await pia.showDocuments();
    expect(await pia.sidebarItem("Birds we saw").count()).toBe(1);

    // Pia's edit reaches Ola: the registered workspace is an ordinary one.
    await pia.caretAtEnd();
    await pia.page.keyboard.press("Enter");
    await pia.type("Two ducks.");
    await ola.waitForText(["A heron by the pond.", "Two ducks."]);
    expect((await ola.text()).split("A heron by the pond.").length - 1).toBe(1);
  });

  it("creates a workspace while the relay is down (network up) and registers it when the relay is back", async () => {
    const uma = await classroom.student("Uma");
    await uma.page.goto("/");
    await uma.waitForServiceWorker();
    await classroom.relay.kill("SIGKILL");
    await uma.page.reload();
    await uma.page.getByTestId("relay-reachability").filter({ hasText: "Can't reach the relay" }).waitFor();
    await uma.createWorkspace("Robot club");
    await uma.newDocument("Parts list");
    await uma.caretAtEnd();
    await uma.type("Two motors.");
    await uma.page.locator('[data-testid="connection"]', { hasText: "Can't reach the relay" }).waitFor();

    await classroom.relay.restart();
    const code = await uma.editorJoinCode();
    await uma.waitForRelaySaved();
    const vic = await classroom.student("Vic");
    await vic.join(code);
    await vic.openFromSidebar("Parts list");
    await vic.waitForText(["Two motors."]);
  });
});
