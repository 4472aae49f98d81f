import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJwks } from "./jwks.ts";
import { KeyRing } from "./KeyRing.ts";
import { TrustedJwks } from "./TrustedJwks.ts";

let server: Server;
let served: unknown = { keys: [] };
let requests = 0;
let url = "";
const dir = mkdtempSync(join(tmpdir(), "quire-jwks-"));

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.setHeader("content-type", "application/json");
    res.end(typeof served === "string" ? served : JSON.stringify(served));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("TrustedJwks", () => {
  it("reads keys from a file", async () => {
    const ring = KeyRing.generate();
    const file = join(dir, "upstream.json");
    writeFileSync(file, JSON.stringify(ring.jwks()));
    const trusted = new TrustedJwks(TrustedJwks.parseSources(` ${file} , `));
    expect(await trusted.resolve(ring.signingKey.kid)).toEqual(ring.publicKey(ring.signingKey.kid));
    expect(await trusted.resolve("unknown")).toBeNull();
  });

  it("fetches a URL, refetches for an unknown kid at most once per minRefetchMs, and picks up a rotation", async () => {
    const ring = KeyRing.generate();
    served = ring.jwks();
    requests = 0;
    const trusted = new TrustedJwks([url], { minRefetchMs: 60_000 });
    expect(await trusted.resolve(ring.signingKey.kid)).not.toBeNull();
    for (let i = 0; i < 20; i++) expect(await trusted.resolve(`made-up-${i}`)).toBeNull();
    expect(requests).toBe(1);
    const eager = new TrustedJwks([url], { minRefetchMs: 0 });
    await eager.refresh();
    const rotated = ring.rotate();
    served = rotated.jwks();
    expect(await eager.resolve(rotated.signingKey.kid)).not.toBeNull();
    expect(await eager.resolve(ring.signingKey.kid)).not.toBeNull();
  });

  it("a source that fails keeps its last good keys and reports the error", async () => {
    const ring = KeyRing.generate();
    served = ring.jwks();
    const messages: string[] = [];
    const trusted = new TrustedJwks([url], { minRefetchMs: 0 }, (_s, m) => messages.push(m));
    await trusted.refresh();
    served = "<html>oops</html>";
    expect(await trusted.resolve("unknown")).toBeNull();
    expect(await trusted.resolve(ring.signingKey.kid)).not.toBeNull();
    expect(messages.length).toBeGreaterThan(0);
  });

  it("refuses a document over maxBytes", async () => {
    const ring = KeyRing.generate();
    served = { ...ring.jwks(), padding: "x".repeat(2_000) };
    const messages: string[] = [];
    const trusted = new TrustedJwks([url], { maxBytes: 1_000 }, (_s, m) => messages.push(m));
    expect(await trusted.resolve(ring.signingKey.kid)).toBeNull();
    expect(messages[0]).toMatch(/larger than 1000 bytes/);
  });
});

describe("parseJwks", () => {
  it("keeps Ed25519 public keys and skips private, foreign and malformed ones", () => {
    const ring = KeyRing.generate();
    const good = ring.jwks().keys[0];
    const parsed = parseJwks({
      keys: [good, { ...good, d: "secret" }, { ...good, kty: "RSA" }, { ...good, x: "short" }, { ...good, kid: "" }, { ...good, alg: "HS256" }, null, 7],
    });
    expect(parsed).toEqual({ ok: true, keys: [good] });
    expect(parseJwks({ nope: [] }).ok).toBe(false);
    expect(parseJwks({ keys: new Array(65).fill(good) }).ok).toBe(false);
  });
});
