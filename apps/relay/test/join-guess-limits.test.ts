/**
 * Join-code guessing is limited per address, across all addresses, and per code (security
 * finding S6: ten loopback addresses made 1,200 guesses in 1.7 s, while a whole school
 * behind one NAT could be locked out by the per-address limit on every POST). Only failed
 * joins count as guesses, so a school joining with the right code from one address is not
 * locked out.
 */
import { describe, expect, it } from "vitest";
import { httpRequest, type Relay, useRelay } from "@quire/testkit";

const JSON_HEADERS = { "content-type": "application/json" };

async function join(relay: Relay, code: string, localAddress: string): Promise<number> {
  const body = JSON.stringify({ code, userName: "guesser" });
  return (await httpRequest(relay.port, "POST", "/api/join", { body, headers: JSON_HEADERS, localAddress })).status;
}

async function createWorkspace(relay: Relay): Promise<{ editor: string; viewer: string }> {
  const body = JSON.stringify({ workspaceName: "Limits", userName: "Owner" });
  const created = await httpRequest(relay.port, "POST", "/api/workspaces", { body, headers: JSON_HEADERS, localAddress: "127.0.9.1" });
  return (created.json as { joinCodes: { editor: string; viewer: string } }).joinCodes;
}

describe("guesses from many addresses", () => {
  const relay = useRelay({ env: { JOIN_FAILURES_PER_MINUTE_PER_IP: "5", JOIN_FAILURES_PER_MINUTE: "12" } });

  it("one address gets 429 after its own budget of failed joins", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push(await join(relay, "ZZZZ-ZZZZ", "127.0.7.1"));
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it("ten addresses together get no more than the global budget", async () => {
    const codes = await createWorkspace(relay);
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (let a = 10; a < 20; a++) statuses.push(await join(relay, "ZZZZ-ZZZZ", `127.0.7.${a}`));
    }
    // 5 failures were already spent above; the global budget is 12 a minute.
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(12 - 5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    // While the budget is spent, even a right code waits: a 200 would tell a guesser it hit.
    expect(await join(relay, codes.editor, "127.0.7.30")).toBe(429);
  });
});

describe("one school behind one address", () => {
  const relay = useRelay({ env: { JOINS_PER_CODE_PER_MINUTE: "200" } });

  it("150 students join with the right code from one address within a minute", async () => {
    const codes = await createWorkspace(relay);
    const statuses: number[] = [];
    for (let i = 0; i < 150; i++) statuses.push(await join(relay, codes.editor, "127.0.8.1"));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });
});

describe("joins per code", () => {
  const relay = useRelay({ env: { JOINS_PER_CODE_PER_MINUTE: "4" } });

  it("a code admits a bounded number of joins a minute; the workspace's other code is separate", async () => {
    const codes = await createWorkspace(relay);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await join(relay, codes.editor, `127.0.6.${i + 1}`));
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(await join(relay, codes.viewer, "127.0.6.20")).toBe(200);
  });
});
