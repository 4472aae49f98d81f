import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "@quire/core";
import { envNameOf, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("defaults: port 8787, host 0.0.0.0, ./data, DEFAULT_LIMITS", () => {
    const config = loadConfig({});
    expect(config.port).toBe(8787);
    expect(config.host).toBe("0.0.0.0");
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.limits.maxMessageBytes).toBe(DEFAULT_LIMITS.maxMessageBytes);
    expect(config.limits.unloadDelayMs).toBe(DEFAULT_LIMITS.unloadDelayMs);
  });

  it("reads every limit from its SCREAMING_SNAKE_CASE variable", () => {
    expect(envNameOf("maxMessageBytes")).toBe("MAX_MESSAGE_BYTES");
    expect(envNameOf("maxConnectionsPerIp")).toBe("MAX_CONNECTIONS_PER_IP");
    const config = loadConfig({ MAX_MESSAGE_BYTES: "2048", UNLOAD_DELAY_MS: "0", PORT: "0", HOST: "127.0.0.1" });
    expect(config.limits.maxMessageBytes).toBe(2048);
    expect(config.limits.unloadDelayMs).toBe(0);
    expect(config.port).toBe(0);
    expect(config.host).toBe("127.0.0.1");
  });

  it("TRUSTED_JWKS: comma-separated files (made absolute) and http(s) URLs; other schemes refused", () => {
    expect(loadConfig({}).trustedJwks).toEqual([]);
    const config = loadConfig({ TRUSTED_JWKS: " upstream.json , https://relay.example/.well-known/jwks.json ,," });
    expect(config.trustedJwks).toEqual([resolve("upstream.json"), "https://relay.example/.well-known/jwks.json"]);
    expect(() => loadConfig({ TRUSTED_JWKS: "ftp://relay.example/jwks.json" })).toThrow(/TRUSTED_JWKS/);
    expect(() => loadConfig({ TRUSTED_JWKS: "https://" })).toThrow(/TRUSTED_JWKS: not a URL/);
  });

  it("rejects bad values with the variable's name", () => {
    expect(() => loadConfig({ MAX_MESSAGE_BYTES: "8MB" })).toThrow(/MAX_MESSAGE_BYTES must be a non-negative integer/);
    expect(() => loadConfig({ PORT: "-1" })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT must be at most 65535/);
    expect(() => loadConfig({ MAX_MESSAGE_BYTES: "10" })).toThrow(/at least 1024/);
  });

  it("backups: off by default, beside DATA_DIR, keep 14; fractional hours; bad values named", () => {
    const off = loadConfig({ DATA_DIR: "/var/lib/quire/data" }).backup;
    expect(off).toEqual({ intervalMs: 0, backupDir: "/var/lib/quire/data-backups", keep: 14 });
    const on = loadConfig({ BACKUP_INTERVAL_HOURS: "0.5", BACKUP_DIR: "/srv/backups", BACKUP_KEEP: "3" }).backup;
    expect(on).toEqual({ intervalMs: 1_800_000, backupDir: "/srv/backups", keep: 3 });
    expect(() => loadConfig({ BACKUP_INTERVAL_HOURS: "-1" })).toThrow(/BACKUP_INTERVAL_HOURS must be a non-negative number/);
    expect(() => loadConfig({ BACKUP_INTERVAL_HOURS: "0.0000001" })).toThrow(/at least one second/);
    expect(() => loadConfig({ BACKUP_INTERVAL_HOURS: "1000" })).toThrow(/at most 596/);
    expect(() => loadConfig({ BACKUP_KEEP: "two" })).toThrow(/BACKUP_KEEP must be a non-negative integer/);
  });
});
