/**
 * Revoking a token (`token --revoke <jti>`, another process writing the relay's database)
 * closes the sockets already open with it, with 4403 and a reason, within the poll interval;
 * sockets of other tokens stay open (security finding S6: a revoked device kept syncing for as
 * long as its socket lived).
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { openRaw, RELAY_MAIN, useRelay } from "@quire/testkit";

const WORKSPACE = "wrevokelive";
const relay = useRelay({ env: { REVOCATION_POLL_MS: "500" } });

function jtiOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString()) as { jti: string }).jti;
}

function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([promise, new Promise<T>((r) => setTimeout(() => r(fallback), ms))]);
}

describe("revocation of a token with open sockets", () => {
  it("closes every socket of the revoked token (4403) and leaves the others open", async () => {
    const lost = relay.token({ workspace: WORKSPACE, role: "editor", name: "lost laptop" });
    const kept = relay.token({ workspace: WORKSPACE, role: "editor", name: "classmate" });
    const sockets = [openRaw(relay.syncUrl, `${WORKSPACE}/d1`, lost), openRaw(relay.syncUrl, `${WORKSPACE}/d2`, lost)];
    const other = openRaw(relay.syncUrl, `${WORKSPACE}/d1`, kept);
    await Promise.all([...sockets, other].map((s) => s.opened));

    const tokenCli = resolve(RELAY_MAIN, "../token-cli.js");
    execFileSync(process.execPath, [tokenCli, "--revoke", jtiOf(lost), "--data-dir", relay.dataDir], { stdio: "pipe" });

    for (const socket of sockets) {
      const closed = await within(socket.closed, 15_000, { code: 0, reason: "still open 15 s after the revocation" });
      expect(closed.code).toBe(CloseCode.Forbidden);
      expect(closed.reason).toMatch(/revoked/);
    }
    expect(other.ws.readyState).toBe(other.ws.OPEN);
    other.ws.close();
  });
});
