/**
 * Storage quotas (security review issue 9, finding S5): one member filled the disk for every
 * class by writing 7 MiB updates into new docs. The relay keeps a per-member and a
 * per-workspace count of stored bytes; a write beyond either is refused with 4532 before it
 * touches the doc, and everything saved before stays.
 */
import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode, MessageType, decodeQuireMessage, encodeAckSubscribe } from "@quire/core";
import { storedDoc, storedRows, storedWorkspaceBytes, connectStockClient, openRaw, updateFrame, useRelay, waitFor, waitSynced } from "@quire/testkit";

const KiB = 1024;
const WS = "w0000000051";
const OTHER_WS = "w0000000052";
/** Each write: one update carrying this many characters (≈ the same number of bytes). */
const WRITE_BYTES = 200 * KiB;
const USER_QUOTA = 700 * KiB;
const WORKSPACE_QUOTA = 900 * KiB;

const relay = useRelay({
    env: { USER_QUOTA_BYTES: String(USER_QUOTA), WORKSPACE_QUOTA_BYTES: String(WORKSPACE_QUOTA), COMPACT_AFTER_UPDATES: "20" },
  });

function hasAckCovering(messages: Uint8Array[], clientId: number): boolean {
  return messages.some((message) => {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MessageType.Quire) return false;
    const decoded = decodeQuireMessage(decoder);
    return decoded.kind === "ack" && (Y.decodeStateVector(decoded.stateVector).get(clientId) ?? 0) > 0;
  });
}

/**
 * Writes one update of ≈ `bytes` into `doc` over a raw socket: resolves "saved" once the
 * relay acknowledged the durable write, or with the close the relay answered it with.
 */
async function write(doc: string, token: string, bytes = WRITE_BYTES): Promise<"saved" | { code: number; reason: string }> {
  const source = new Y.Doc();
  source.getText("body").insert(0, "q".repeat(bytes));
  const socket = openRaw(relay.syncUrl, doc, token);
  await socket.opened;
  socket.send(encodeAckSubscribe());
  socket.send(updateFrame(Y.encodeStateAsUpdate(source)));
  const outcome = await Promise.race([
    socket.closed,
    waitFor(() => hasAckCovering(socket.messages, source.clientID), 30_000, `ack of the write to ${doc}`).then(() => "saved" as const),
  ]);
  if (outcome === "saved") {
    socket.ws.close();
    await socket.closed;
  }
  return outcome;
}

function storedBytes(workspace: string): number {
  return storedWorkspaceBytes(relay.dataDir, workspace);
}

async function usage(workspace: string, token: string): Promise<Response> {
  return fetch(`${relay.httpUrl}/api/workspaces/${workspace}/usage`, { headers: { authorization: `Bearer ${token}` } });
}

describe("storage quotas (S5)", () => {
  const mallory = () => relay.token({ workspace: WS, role: "editor", name: "Mallory", sub: "u_mallory" });
  const bob = () => relay.token({ workspace: WS, role: "editor", name: "Bob", sub: "u_bob" });

  it("refuses a member's write beyond the member quota with 4532, keeping what was saved", async () => {
    for (let i = 1; i <= 3; i++) expect(await write(`${WS}/m${i}`, mallory())).toBe("saved");
    const refused = await write(`${WS}/m4`, mallory());
    expect(refused).toMatchObject({ code: CloseCode.QuotaExceeded });
    expect((refused as { reason: string }).reason).toMatch(/your storage quota/i);
    // Nothing of the refused write was stored; every earlier write is intact.
    expect(storedRows(relay.dataDir, `${WS}/m4`)).toHaveLength(0);
    for (let i = 1; i <= 3; i++) expect(storedDoc(relay.dataDir, `${WS}/m${i}`).getText("body").length).toBe(WRITE_BYTES);
    // The quota refuses what does not fit, not the member: a write that still fits is saved.
    expect(await write(`${WS}/m1`, mallory(), 50 * KiB)).toBe("saved");
  });

  it("refuses any member's write beyond the workspace quota; other workspaces go on", async () => {
    expect(await write(`${WS}/b1`, bob())).toBe("saved");
    const refused = await write(`${WS}/b2`, bob());
    expect(refused).toMatchObject({ code: CloseCode.QuotaExceeded });
    expect((refused as { reason: string }).reason).toMatch(/workspace/i);
    expect(storedRows(relay.dataDir, `${WS}/b2`)).toHaveLength(0);
    expect(storedBytes(WS)).toBeLessThanOrEqual(WORKSPACE_QUOTA);
    const elsewhere = relay.token({ workspace: OTHER_WS, role: "editor", name: "Cleo", sub: "u_cleo" });
    expect(await write(`${OTHER_WS}/c1`, elsewhere)).toBe("saved");
  });

  it("reports usage to editors and the owner, exactly what is stored, and survives a restart", async () => {
    const response = await usage(WS, bob());
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, { usedBytes: number; quotaBytes: number | null }>;
    expect(body.workspace).toEqual({ usedBytes: storedBytes(WS), quotaBytes: WORKSPACE_QUOTA });
    expect(body.member?.quotaBytes).toBe(USER_QUOTA);
    expect(body.member?.usedBytes).toBeGreaterThanOrEqual(WRITE_BYTES);
    expect(body.member?.usedBytes).toBeLessThan(2 * WRITE_BYTES);

    expect((await usage(WS, relay.token({ workspace: WS, role: "viewer" }))).status).toBe(403);
    expect((await usage(WS, relay.token({ workspace: OTHER_WS, role: "editor" }))).status).toBe(403);
    expect((await fetch(`${relay.httpUrl}/api/workspaces/${WS}/usage`)).status).toBe(401);

    await relay.restart();
    const after = (await (await usage(WS, bob())).json()) as typeof body;
    expect(after.workspace?.usedBytes).toBe(storedBytes(WS));
    // The count survives the restart: 650 KiB stored + 60 KiB is over the 700 KiB quota.
    expect(await write(`${WS}/m5`, mallory(), 60 * KiB)).toMatchObject({ code: CloseCode.QuotaExceeded });
  });

  it("keeps the figure honest after compaction merges rows", async () => {
    const ws = "w0000000053";
    const doc = `${ws}/typed`;
    const token = relay.token({ workspace: ws, role: "editor", name: "Dana", sub: "u_dana" });
    const client = connectStockClient(relay.syncUrl, doc, token);
    await waitSynced(client.provider);
    const text = client.doc.getText("body");
    for (let i = 0; i < 120; i++) {
      text.insert(text.length, `word ${i} `);
      if (i % 3 === 0) text.delete(0, 2);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await waitFor(() => storedRows(relay.dataDir, doc).length < 40, 30_000, "compaction");
    client.destroy();
    // After the last client leaves the doc unloads and is merged into one row.
    await waitFor(() => storedRows(relay.dataDir, doc).length === 1, 30_000, "final compaction");
    const body = (await (await usage(ws, token)).json()) as Record<string, { usedBytes: number }>;
    expect(body.workspace?.usedBytes).toBe(storedBytes(ws));
    expect(body.member?.usedBytes).toBe(storedBytes(ws));
  });
});
