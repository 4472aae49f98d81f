/**
 * Nobody gets in without the right token, and bad doc names never reach storage:
 * forged, foreign-relay, expired, other-doc, other-workspace, prefix-trick and revoked tokens
 * are refused with 4401/4403 and a reason; viewers' edits are never stored or broadcast;
 * path traversal, NUL, 10 KB and emoji doc names are refused (4404 or an HTTP error); and
 * an editor on the same doc keeps syncing throughout.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CloseCode, checkDocName } from "@quire/core";
import { loadOrCreateKeyRing, signToken } from "@quire/auth";
import { RELAY_MAIN, storedDocNames, useRelay, waitFor, WireClient } from "@quire/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { rawUpgrade } from "./harness/raw-upgrade.ts";
import { readStoredDoc } from "./harness/stored-docs.ts";

const DOC = "wabcdefghij/dsecret0001";
let editor: WireClient;

const relay = useRelay();
beforeAll(async () => {
  editor = new WireClient({ syncUrl: relay.syncUrl, docName: DOC, token: relay.token({ workspace: "wabcdefghij", role: "editor" }) });
  await editor.connect();
  await editor.waitSynced();
});

afterAll(async () => {
  editor?.destroy();
});

/** Connects with `token` to `docName` and returns the close the relay sent. */
async function refusal(docName: string, token: string): Promise<{ code: number; reason: string; denied: string[] }> {
  const client = new WireClient({ syncUrl: relay.syncUrl, docName, token });
  try {
    await client.connect().catch(() => undefined);
    await waitFor(() => client.closes.length > 0, 10_000, `relay closes ${docName}`);
    const close = client.closes[0] as { code: number; reason: string };
    return { ...close, denied: client.denied };
  } finally {
    client.destroy();
  }
}

/** The editor can still edit and a second editor receives it. */
async function editorStillSyncs(marker: string): Promise<void> {
  const text = editor.doc.get("root", Y.XmlText);
  text.insert(text.length, marker);
  const reader = new WireClient({ syncUrl: relay.syncUrl, docName: DOC, token: relay.token({ doc: DOC, role: "viewer" }) });
  try {
    await reader.connect();
    await reader.waitSynced();
    await waitFor(() => reader.doc.get("root", Y.XmlText).toString().includes(marker), 10_000, "editor's edit reaches others");
  } finally {
    reader.destroy();
  }
  expect(editor.online).toBe(true);
}

function tamper(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, body, sig] = token.split(".") as [string, string, string];
  const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
  change(claims);
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${sig}`;
}

describe("tokens", () => {
  it.each([
    ["missing", () => "", /token/],
    ["garbage", () => "not-a-token", /unauthorized/],
    ["forged claims (doc swapped, old signature)", () => tamper(relay.token({ doc: "wother00000/d1", role: "editor" }), (c) => { c.doc = DOC; }), /signature|forged/],
    ["role escalated viewer→editor", () => tamper(relay.token({ doc: DOC, role: "viewer" }), (c) => { c.role = "editor"; }), /signature|forged/],
    ["signed by another relay's key", () => {
      const dir = mkdtempSync(join(tmpdir(), "quire-other-"));
      try {
        return signToken(loadOrCreateKeyRing(dir).signingKey, { doc: DOC, role: "editor", name: "mallory" }).token;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, /signature|forged/],
    ["expired", () => relay.token({ doc: DOC, role: "editor", ttlSeconds: 60, now: Math.floor(Date.now() / 1000) - 3600 }), /expired/],
  ])("%s → 4401 with a reason", async (_label, makeToken, reasonPattern) => {
    const { code, reason, denied } = await refusal(DOC, makeToken());
    expect(code).toBe(CloseCode.Unauthorized);
    expect(reason).toMatch(reasonPattern);
    expect(denied.length).toBeGreaterThan(0); // y-protocols permission-denied message first
    await editorStillSyncs(` ok-${code}`);
  });

  it.each([
    ["another doc of the workspace", { doc: "wabcdefghij/dother00001" }],
    ["another workspace", { workspace: "wzzzzzzzzzz" }],
    ["a workspace whose id is a prefix", { workspace: "wabcdefghi" }],
    ["a doc name that is a prefix of the target", { doc: "wabcdefghij/dsecret" }],
  ])("token for %s → 4403 with a reason", async (_label, scope) => {
    const { code, reason } = await refusal(DOC, relay.token({ ...scope, role: "editor" }));
    expect(code).toBe(CloseCode.Forbidden);
    expect(reason).toMatch(/forbidden/);
    await editorStillSyncs(" ok-4403");
  });

  it("a revoked token is refused (4403) on its next connection and cannot be refreshed", async () => {
    const token = relay.token({ doc: DOC, role: "editor", name: "lost laptop" });
    const jti = (JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString()) as { jti: string }).jti;
    const tokenCli = resolve(RELAY_MAIN, "../token-cli.js");
    execFileSync(process.execPath, [tokenCli, "--revoke", jti, "--data-dir", relay.dataDir], { stdio: "pipe" });
    const { code, reason } = await refusal(DOC, token);
    expect(code).toBe(CloseCode.Forbidden);
    expect(reason).toMatch(/revoked/);
    const refresh = await fetch(`${relay.httpUrl}/api/token/refresh`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(refresh.status).toBe(403);
    await editorStillSyncs(" ok-revoked");
  });

  it("a viewer's edits are refused with a reason, never broadcast, never stored", async () => {
    const viewer = new WireClient({ syncUrl: relay.syncUrl, docName: DOC, token: relay.token({ doc: DOC, role: "viewer" }) });
    try {
      await viewer.connect();
      await viewer.waitSynced();
      viewer.doc.get("root", Y.XmlText).insert(0, "VIEWER-WROTE-THIS ");
      await waitFor(() => viewer.denied.length > 0, 10_000, "permission denied for the viewer's update");
      await editorStillSyncs(" ok-viewer");
      expect(editor.doc.get("root", Y.XmlText).toString()).not.toContain("VIEWER");
      expect(viewer.online).toBe(true); // still receives updates
    } finally {
      viewer.destroy();
    }
    await relay.restart();
    await editor.disconnect();
    await editor.connect();
    await editor.waitSynced();
    const stored = readStoredDoc(relay.dataDir, DOC);
    expect(stored.get("root", Y.XmlText).toString()).not.toContain("VIEWER");
    stored.destroy();
  });
});

describe("document names", () => {
  const token = () => relay.token({ workspace: "wabcdefghij", role: "editor" });
  it.each([
    ["dot-dot segments", "/sync/wabcdefghij/../wzzzzzzzzzz/d1"],
    ["encoded dot-dot", "/sync/wabcdefghij/..%2F..%2Fetc%2Fpasswd"],
    ["encoded NUL", "/sync/wabcdefghij/d1%00.sqlite"],
    ["10 KB name", `/sync/wabcdefghij/${"a".repeat(10_240)}`],
    ["emoji", "/sync/wabcdefghij/%F0%9F%99%82"],
    ["backslashes", "/sync/wabcdefghij/..%5C..%5Cx"],
    ["empty name", "/sync/"],
    ["five segments", "/sync/wabcdefghij/a/b/c/d"],
  ])("%s is refused with a reason and never stored", async (_label, path) => {
    const outcome = await rawUpgrade({ port: relay.port, path: `${path}?token=${encodeURIComponent(token())}` });
    if (outcome.status === 101) {
      expect(outcome.close?.code, JSON.stringify(outcome.close)).toBeOneOf([CloseCode.BadDocName, CloseCode.Forbidden]);
      expect(outcome.close?.reason.length).toBeGreaterThan(0);
    } else {
      expect(outcome.status).toBeGreaterThanOrEqual(400);
      expect(outcome.status).toBeLessThan(500);
    }
    await editorStillSyncs(" ok-name");
  });

  it("every doc name in the database is a valid one", () => {
    const names = storedDocNames(relay.dataDir);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(checkDocName(name).ok, name).toBe(true);
  });
});
