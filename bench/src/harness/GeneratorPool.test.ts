import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GeneratorPool } from "./GeneratorPool.ts";
import { type HumanReply, toEndpointSpec } from "./generator-protocol.ts";
import { type ServerUnderTest, startServer } from "./ServerUnderTest.ts";

let server: ServerUnderTest;
let pool: GeneratorPool;
beforeAll(async () => {
  server = await startServer("ws-floor");
  pool = await GeneratorPool.start(2);
}, 60_000);
afterAll(async () => {
  await pool?.close();
  await server?.stop();
});

describe("GeneratorPool", () => {
  it("types in two processes at once, delivers between each process's clients, and reports each process's CPU", async () => {
    await Promise.all([0, 1].map((g) => pool.request(g, { op: "open", endpoint: toEndpointSpec(server, [`doc-${g}`]), docs: [`doc-${g}`, `doc-${g}`], record: false })));
    pool.startSampling();
    const replies = await Promise.all([0, 1].map((g) => pool.request<HumanReply>(g, { op: "human", seconds: 0.5, rate: 20, seed: g })));
    const usage = pool.stopSampling();
    await Promise.all([0, 1].map((g) => pool.request(g, { op: "converge", timeoutMs: 10_000 })));
    for (const reply of replies) expect(reply.delivered).toBeGreaterThan(5);
    expect(usage.cpuPercent).toHaveLength(2);
    for (const cpu of usage.cpuPercent) expect(Number.isFinite(cpu)).toBe(true);
    expect(usage.machineBusyPercent).toBeGreaterThan(0);
    await Promise.all([0, 1].map((g) => pool.request(g, { op: "close" })));
  }, 60_000);

  it("rejects a request that fails in the generator with its error", async () => {
    await expect(pool.request(0, { op: "replay", client: 9, trace: "automerge-paper", from: 0, count: 1, rate: 0 })).rejects.toThrow(/no client 9/);
  });
});
