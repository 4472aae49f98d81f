/**
 * @module device-signing-key
 * The key this device signs its sync files with: an Ed25519 seed made on first use and kept in
 * localStorage (not IndexedDB: it must survive "clear this workspace" like the memberships do).
 * It names the device to whoever imports its files; it grants nothing, so a page script that
 * could read it could only sign files as this device, which it could write anyway.
 */
import { fromBase64Url, generateDeviceKey, keyIdOf, publicKeyOf, toBase64Url } from "@quire/syncfile";
import type { KeyValueStorage } from "./MembershipStore.ts";

const KEY = "quire.sync-file-key.v1";

export function deviceSigningKey(storage: KeyValueStorage | null = defaultStorage()): Uint8Array {
  const stored = storage?.getItem(KEY);
  const seed = stored ? fromBase64Url(stored) : null;
  if (seed && seed.length === 32) return seed;
  const fresh = generateDeviceKey();
  try {
    storage?.setItem(KEY, toBase64Url(fresh));
  } catch {
    // Storage full or blocked: files of this visit are signed with a key used only this visit.
  }
  return fresh;
}

/** The key id (RFC 7638 thumbprint) of this device's signing key. */
export function deviceKeyId(storage?: KeyValueStorage | null): string {
  return keyIdOf(publicKeyOf(deviceSigningKey(storage)));
}

function defaultStorage(): KeyValueStorage | null {
  try {
    return (globalThis as { localStorage?: KeyValueStorage }).localStorage ?? null;
  } catch {
    return null;
  }
}
