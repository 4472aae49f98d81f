/**
 * A token can be refreshed only within an absolute lifetime counted from when its holder
 * joined (`auth_time`), not for ever (security finding S6): refreshing keeps `auth_time`, and
 * a refreshed token never outlives it. The default (MAX_TOKEN_AGE_DAYS, 365) keeps a class
 * that joined in September working, offline for a whole term included, until the next year.
 */
import { describe, expect, it } from "vitest";
import { useRelay } from "@quire/testkit";

const DAY = 24 * 3600;
const relay = useRelay();

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString()) as Record<string, unknown>;
}

async function refresh(token: string): Promise<{ status: number; body: { token?: string; expiresAt?: number } }> {
  const response = await fetch(`${relay.httpUrl}/api/token/refresh`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as { token?: string; expiresAt?: number } };
}

describe("refresh lifetime", () => {
  const now = Math.floor(Date.now() / 1000);

  it("a token first issued within the lifetime refreshes, keeps when it was first issued, and cannot outlive it", async () => {
    const joined = now - 300 * DAY;
    const token = relay.token({ workspace: "wrefreshlt1", role: "editor", now: joined, ttlSeconds: 320 * DAY });
    const first = await refresh(token);
    expect(first.status).toBe(200);
    const refreshed = claimsOf(first.body.token as string);
    expect(refreshed.auth_time).toBe(joined);
    expect(refreshed.exp as number).toBeLessThanOrEqual(joined + 365 * DAY);
    const again = await refresh(first.body.token as string);
    expect(claimsOf(again.body.token as string).auth_time).toBe(joined);
  });

  it("a token first issued longer ago than the lifetime is refused, however often it was refreshed", async () => {
    const token = relay.token({ workspace: "wrefreshlt1", role: "editor", now: now - 366 * DAY, ttlSeconds: 400 * DAY });
    const result = await refresh(token);
    expect(result.status).toBe(401);
    expect(JSON.stringify(result.body)).toMatch(/join again/);
  });
});
