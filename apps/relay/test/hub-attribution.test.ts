/**
 * Issue 14: what a hub's credential allows on its upstream, over HTTP to a real relay. A
 * push records each edit under the author the file names — only a current student or teacher
 * of a class the credential covers; anything else is refused whole, nothing applied. A pushed
 * file applied twice changes nothing the second time (no duplicate provenance). Access tokens
 * are not hub credentials and hub credentials are not access tokens. Revocations reach the hub.
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { CloseCode } from "@quire/core";
import { generateDeviceKey, writeSyncFile } from "@quire/syncfile";
import { RELAY_MAIN, connectStockClient, firstHubPass, hubStatus, issueHubCredential, useHubs, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { api, claimsOf, createClass, within } from "./class-fixture.ts";
import { historyCall } from "./history-client.ts";

const relay = useRelay({ env: { CHECKPOINT_IDLE_MS: "600000" } });
const relays = useHubs();
const TOKEN_CLI = resolve(RELAY_MAIN, "../token-cli.js");

/** A one-document sync file whose text was written under `client`, claimed for `author`. */
function fileFor(classId: string, doc: string, text: string, client: number, author: { userId: string; name: string }): Uint8Array {
  const ydoc = new Y.Doc({ gc: false });
  ydoc.clientID = client;
  ydoc.getText("t").insert(0, text);
  return writeSyncFile({
    workspace: { id: classId, name: "Class" },
    signer: { kind: "relay", name: "Classroom hub", secretKey: generateDeviceKey() },
    documents: [{ name: doc, state: Y.encodeStateAsUpdate(ydoc), authors: [{ ...author, updates: 1, lastAt: Date.now(), clients: [client] }] }],
  }).file;
}

async function push(credential: string, classId: string, file: Uint8Array): Promise<{ status: number; body: { error?: { code: string; message: string }; documents?: { status: string; authors: string[] }[] } }> {
  const response = await fetch(`${relay.httpUrl}/hub/v1/classes/${classId}/push`, {
    method: "POST",
    headers: { authorization: `Bearer ${credential}`, "content-type": "application/vnd.quire.sync-file" },
    body: file,
  });
  return { status: response.status, body: (await response.json()) as never };
}

async function digests(credential: string, classId: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${relay.httpUrl}/hub/v1/classes/${classId}/digests`, { headers: { authorization: `Bearer ${credential}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { documents: Record<string, unknown> }).documents;
}

describe("a hub's credential on its upstream", () => {
  it("records each edit under its author, refuses authors outside the class, and applies a file once", async () => {
    const cls = await createClass(relay);
    const other = await createClass(relay, "Class 6A");
    const ana = await cls.member("Ana", "student");
    const outsider = await other.member("Zed", "student");
    const viewer = await cls.member("Vic", "viewer");
    const issued = await api(relay, "POST", `/api/workspaces/${cls.id}/hub-credential`, cls.teacher, { name: "Laptop" });
    expect(issued.status).toBe(201);
    const credential = issued.body.credential as string;
    const doc = cls.doc("report");

    // Only a teacher gets a credential.
    const anaToken = await cls.signIn(ana.code);
    expect((await api(relay, "POST", `/api/workspaces/${cls.id}/hub-credential`, anaToken, { name: "Laptop" })).status).toBe(403);

    // Authors outside the class, or who may only view, are refused and nothing is applied.
    for (const [who, reason] of [
      [{ userId: outsider.id, name: "Zed" }, /not a member/],
      [{ userId: "u_made_up", name: "Nobody" }, /not a member/],
      [{ userId: viewer.id, name: "Vic" }, /may only view/],
    ] as const) {
      const refused = await push(credential, cls.id, fileFor(cls.id, doc, "forged text", 77, who));
      expect(refused.status).toBe(403);
      expect(refused.body.error?.message).toMatch(reason);
    }
    expect(await digests(credential, cls.id)).toEqual({});

    // The credential covers its class only; an access token is not a credential.
    expect((await push(credential, other.id, fileFor(other.id, other.doc("x"), "hi", 78, { userId: outsider.id, name: "Zed" }))).status).toBe(403);
    expect((await push(cls.teacher, cls.id, fileFor(cls.id, doc, "hi", 79, { userId: ana.id, name: "Ana" }))).status).toBe(401);
    // A hub credential is not an access token: it opens no document.
    const socket = connectStockClient(relay.syncUrl, doc, credential);
    await waitFor(() => socket.closes.length > 0, 10_000, "the socket refused");
    expect(socket.closes[0]?.code).toBe(CloseCode.Unauthorized);
    socket.destroy();

    // A member's work is recorded as hers, once.
    const file = fileFor(cls.id, doc, "Ana's paragraph", 80, { userId: ana.id, name: "Ana" });
    const first = await push(credential, cls.id, file);
    expect(first.status).toBe(200);
    expect(first.body.documents?.[0]).toMatchObject({ status: "new", authors: [ana.id] });
    const records = async () => ((await historyCall(relay.httpUrl, cls.teacher, "GET", doc, "/history")).json as { records: { userId: string }[] }).records;
    expect((await records()).map((r) => r.userId)).toEqual([ana.id]);
    const again = await push(credential, cls.id, file);
    expect(again.body.documents?.[0]).toMatchObject({ status: "unchanged", authors: [] });
    expect(await records()).toHaveLength(1);
    const contributions = (await historyCall(relay.httpUrl, cls.teacher, "GET", doc, "/contributions")).json as { users: { userId: string; inserted: number }[] };
    expect(contributions.users).toEqual([expect.objectContaining({ userId: ana.id, inserted: "Ana's paragraph".length })]);

    // A client id already bound to one student cannot be claimed for another.
    const ben = await cls.member("Ben", "student");
    const stolen = await push(credential, cls.id, fileFor(cls.id, doc, " more", 80, { userId: ben.id, name: "Ben" }));
    expect(stolen.status).toBe(403);

    // Nor for a student outside the document's group, or a document the teacher locked.
    const red = await cls.group("Red");
    await cls.place("red-report", { groupId: red });
    const outsiderOfRed = await push(credential, cls.id, fileFor(cls.id, cls.doc("red-report"), "not my group", 81, { userId: ben.id, name: "Ben" }));
    expect(outsiderOfRed.status).toBe(403);
    expect(outsiderOfRed.body.error?.message).toMatch(/may not write/);
    await cls.place("report", { locked: true });
    const late = await push(credential, cls.id, fileFor(cls.id, doc, " late", 82, { userId: ben.id, name: "Ben" }));
    expect(late.status).toBe(403);
    expect(late.body.error?.message).toMatch(/locked/);
    await cls.place("report", { locked: false });

    // A revoked credential stops working at once.
    execFileSync(process.execPath, [TOKEN_CLI, "--revoke", issued.body.hub.jti, "--data-dir", relay.dataDir], { stdio: "pipe" });
    expect((await push(credential, cls.id, file)).status).toBe(403);
  });

  it("the operator's `token --hub` issues one credential for several classes", async () => {
    const a = await createClass(relay, "Class 1A");
    const b = await createClass(relay, "Class 1B");
    const c = await createClass(relay, "Class 1C");
    const credential = execFileSync(process.execPath, [TOKEN_CLI, "--hub", "Library laptop", "--class", a.id, "--class", b.id, "--data-dir", relay.dataDir], { encoding: "utf8" }).trim();
    expect(await digests(credential, a.id)).toEqual({});
    expect(await digests(credential, b.id)).toEqual({});
    const response = await fetch(`${relay.httpUrl}/hub/v1/classes/${c.id}/digests`, { headers: { authorization: `Bearer ${credential}` } });
    expect(response.status).toBe(403);
  });

  it("the hub honours revocations it learned from the upstream", async () => {
    const cls = await createClass(relay, "Class 7C");
    const lost = await cls.member("Lost tablet", "student");
    const lostToken = await cls.signIn(lost.code);
    const hub = await relays.startHub(relay, await issueHubCredential(relay, cls.id, cls.teacher));
    const doc = cls.doc("notes");
    // Admitted on the hub once it has the upstream's keys and the class's roster (its first pass).
    await firstHubPass(hub);
    let client = connectStockClient(hub.syncUrl, doc, lostToken);
    await within(waitSynced(client.provider, 20_000), 20_000, undefined);
    if (!client.provider.synced) {
      const status = await api(hub, "GET", "/api/hub/status", lostToken);
      throw new Error(`not synced: ${JSON.stringify(client.closes)} ${JSON.stringify(status)} ${hub.output}`);
    }
    execFileSync(process.execPath, [TOKEN_CLI, "--revoke", claimsOf(lostToken).jti, "--data-dir", relay.dataDir], { stdio: "pipe" });
    await waitFor(() => client.closes.some((c) => c.code === CloseCode.Forbidden), 20_000, "the hub closed the revoked token's socket");
    client.destroy();
    client = connectStockClient(hub.syncUrl, doc, lostToken);
    await waitFor(() => client.closes.length > 0, 10_000, "refused again");
    expect(client.closes[0]?.reason).toMatch(/revoked/);
    client.destroy();
  });

  it("a document the upstream refuses does not hold up the class's other documents", async () => {
    const cls = await createClass(relay, "Class 9E");
    const ana = await cls.member("Ana", "student");
    const anaToken = await cls.signIn(ana.code);
    const credential = await issueHubCredential(relay, cls.id, cls.teacher);
    const hub = await relays.startHub(relay, credential);
    // A visitor with a one-document token of the hub's own is nobody on the upstream: her
    // document stays on the hub. It sorts first, so a pass that stopped at it would never carry
    // Ana's. (A class token of someone the class's roster does not list waits on the hub.)
    await firstHubPass(hub);
    const visitor = connectStockClient(hub.syncUrl, cls.doc("a-visitor"), hub.token({ doc: cls.doc("a-visitor"), sub: "u_visitor", name: "Visitor" }));
    const member = connectStockClient(hub.syncUrl, cls.doc("z-ana"), anaToken);
    await Promise.all([waitSynced(visitor.provider, 20_000), waitSynced(member.provider, 20_000)]);
    visitor.doc.getText("t").insert(0, "not a member's text");
    member.doc.getText("t").insert(0, "Ana's text");
    const upstreamCopy = connectStockClient(relay.syncUrl, cls.doc("z-ana"), cls.teacher);
    await waitFor(() => upstreamCopy.doc.getText("t").toString() === "Ana's text", 20_000, "Ana's document reached the upstream");
    let status = await hubStatus(hub);
    await waitFor(async () => {
      status = await hubStatus(hub);
      return status.state === "idle" && status.lastError !== null;
    }, 20_000, "a finished pass reporting the refusal");
    expect(status.pendingDocs).toBe(1);
    expect(status.lastError).toMatch(/a-visitor.*u_visitor is not a member/);
    expect(Object.keys(await digests(credential, cls.id))).not.toContain(cls.doc("a-visitor"));
    for (const client of [visitor, member, upstreamCopy]) client.destroy();
  });
});
