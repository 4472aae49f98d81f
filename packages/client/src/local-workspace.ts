/**
 * @module local-workspace
 * A workspace created on this device with no network (local-first start). It has the same
 * shape of id the relay hands out, so every document name under it is already final: when
 * the relay is reachable it is registered under that id (PUT /api/workspaces/:id, see
 * WorkspaceRegistrar) and nothing on the device is renamed or copied. Until then it has no
 * token and nothing connects.
 */
import type { Membership } from "./membership.ts";

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** `w` + 10 random [a-z0-9] (~52 bits: a collision with an existing workspace is refused by the relay, 409). */
export function newLocalWorkspaceId(): string {
  return `w${randomChars(ID_ALPHABET, 10)}`;
}

/** 128 random bits, base64url: proves a retried registration comes from this device. */
export function newRegistrationKey(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** 72 random bits, base64url: names one person's device copies (see device-copy-name.ts). */
export function newDeviceKey(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(9)));
}

/**
 * The owner's membership of a new, not yet registered workspace. `user.id` is a placeholder
 * (the relay chooses the real one at registration); `deviceKey` names this person's copies
 * from the start, so they keep their name when the user id changes.
 */
export function createLocalWorkspace(workspaceName: string, userName: string): Membership {
  return {
    workspace: { id: newLocalWorkspaceId(), name: workspaceName },
    user: { id: `local_${newDeviceKey()}`, name: userName },
    role: "editor",
    owner: true,
    token: "",
    expiresAt: 0,
    deviceKey: newDeviceKey(),
    registration: { key: newRegistrationKey() },
  };
}

function randomChars(alphabet: string, length: number): string {
  // 252 = 7 × 36: rejecting bytes ≥ 252 keeps every character equally likely.
  let out = "";
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < 252 && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
