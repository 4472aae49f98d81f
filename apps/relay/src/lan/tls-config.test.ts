import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseLanConfig } from "./tls-config.ts";

describe("parseLanConfig", () => {
  it("defaults to https and mDNS in hub mode, plain http and silence otherwise", () => {
    expect(parseLanConfig({}, true)).toEqual({ tls: { mode: "auto" }, mdns: true });
    expect(parseLanConfig({}, false)).toEqual({ tls: { mode: "off" }, mdns: false });
    expect(parseLanConfig({ TLS: "off", MDNS: "off" }, true)).toEqual({ tls: { mode: "off" }, mdns: false });
    expect(parseLanConfig({ TLS: "AUTO", MDNS: "on" }, false)).toEqual({ tls: { mode: "auto" }, mdns: true });
  });

  it("takes a school's certificate files, which must exist and come in pairs", () => {
    const dir = mkdtempSync(join(tmpdir(), "quire-tls-config-"));
    const cert = join(dir, "hub.crt");
    const key = join(dir, "hub.key");
    writeFileSync(cert, "c");
    writeFileSync(key, "k");
    expect(parseLanConfig({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key }, false).tls).toEqual({ mode: "files", certFile: cert, keyFile: key });
    expect(() => parseLanConfig({ TLS_CERT_FILE: cert }, false)).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE go together/);
    expect(() => parseLanConfig({ TLS_CERT_FILE: cert, TLS_KEY_FILE: join(dir, "missing.key") }, false)).toThrow(/TLS_KEY_FILE: no such file/);
    expect(() => parseLanConfig({ TLS: "files" }, false)).toThrow(/TLS=files needs/);
    expect(() => parseLanConfig({ TLS: "auto", TLS_CERT_FILE: cert, TLS_KEY_FILE: key }, false)).toThrow(/TLS=auto makes its own/);
  });

  it("names the variable of a bad value", () => {
    expect(() => parseLanConfig({ TLS: "yes" }, false)).toThrow(/TLS must be auto, files or off/);
    expect(() => parseLanConfig({ MDNS: "1" }, false)).toThrow(/MDNS must be on or off/);
  });
});
