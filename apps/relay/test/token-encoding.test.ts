/**
 * A token's signature has exactly one spelling: unpadded base64url. Node's base64url decoder
 * (and jose's, which uses atob on Node 20) also accepts `=` padding, whitespace and a last
 * character with stray low bits, so before this was checked a signature could be rewritten
 * into many strings that all verified (security finding S7): whatever deny-list or log
 * search keys on the token string missed them. Tokens are JWTs: `header.claims.signature`.
 */
import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { openRaw, useRelay } from "@quire/testkit";

const DOC = "wtokenenc01/d1";
const relay = useRelay();

/** A token whose signature contains both `-` and `_`, so the alphabet swap changes it. */
function tokenWithUrlSafeCharacters(): string {
  for (;;) {
    const token = relay.token({ doc: DOC, role: "editor" });
    const sig = token.split(".")[2] as string;
    if (sig.includes("-") && sig.includes("_")) return token;
  }
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** 86 characters carry 516 bits for a 512-bit Ed25519 signature: the last character's low 4 bits are dropped. */
function sameBytesLastCharacter(sig: string): string {
  const index = ALPHABET.indexOf(sig.slice(-1));
  const other = ALPHABET[index ^ 1] as string;
  if (!Buffer.from(`${sig.slice(0, -1)}${other}`, "base64url").equals(Buffer.from(sig, "base64url"))) throw new Error("not the same bytes");
  return other;
}

describe("token signature encoding", () => {
  it("the canonical token opens the doc", async () => {
    const socket = openRaw(relay.syncUrl, DOC, tokenWithUrlSafeCharacters());
    await socket.opened;
    socket.ws.close();
  });

  it.each([
    ["padded with =", (body: string, sig: string) => `${body}.${sig}=`],
    ["standard base64 alphabet (+ and /)", (body: string, sig: string) => `${body}.${sig.replace(/-/g, "+").replace(/_/g, "/")}`],
    ["a stray character inside", (body: string, sig: string) => `${body}.${sig.slice(0, 10)}!${sig.slice(10)}`],
    ["with a last character that decodes to the same bytes", (body: string, sig: string) => `${body}.${sig.slice(0, -1)}${sameBytesLastCharacter(sig)}`],
    ["trailing whitespace", (body: string, sig: string) => `${body}.${sig} `],
  ])("a signature %s is refused with 4401", async (_label, respell) => {
    const [header, claims, sig] = tokenWithUrlSafeCharacters().split(".") as [string, string, string];
    const body = `${header}.${claims}`;
    const socket = openRaw(relay.syncUrl, DOC, respell(body, sig));
    const closed = await Promise.race([socket.closed, new Promise<{ code: number; reason: string }>((r) => setTimeout(() => r({ code: 0, reason: "still open after 10 s" }), 10_000))]);
    socket.ws.terminate();
    expect(closed.code).toBe(CloseCode.Unauthorized);
    expect(closed.reason).toMatch(/unauthorized/);
  });

  it("a refresh with a respelled signature is refused", async () => {
    const [header, claims, sig] = tokenWithUrlSafeCharacters().split(".") as [string, string, string];
    const body = `${header}.${claims}`;
    const response = await fetch(`${relay.httpUrl}/api/token/refresh`, {
      method: "POST",
      headers: { authorization: `Bearer ${body}.${sig}=` },
    });
    expect(response.status).toBe(401);
  });
});
