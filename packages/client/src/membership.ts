/**
 * @module membership
 * One workspace this device belongs to, and the decoder that checks one. Memberships arrive
 * from the relay's HTTP API and are read back from localStorage; both are untrusted bytes, so
 * both go through {@link parseMembership} before the app relies on them.
 */
import { CLASS_ROLES, type ClassRole, isValidDocName } from "@quire/core";

export type MemberRole = "editor" | "viewer";
export type { ClassRole };

export interface Membership {
  workspace: { id: string; name: string };
  user: { id: string; name: string };
  role: MemberRole;
  owner: boolean;
  token: string;
  /** Token expiry, ms since epoch. */
  expiresAt: number;
  /** Only the owner sees the codes to share. */
  joinCodes?: { editor: string; viewer: string };
  /**
   * This person's own device copies on a shared computer: documents are kept in IndexedDB as
   * `<docName>#<deviceKey>` instead of `<docName>`, so one person's edits the relay has not
   * saved are never sent with another person's token (see device-copy-name.ts). Absent for
   * the first person of a workspace on a device (and every membership stored before).
   */
  deviceKey?: string;
  /**
   * Present while a workspace created on this device with no network is not yet registered
   * with the relay (local-first start); `token` is "" until then. `key` proves to the relay
   * that a retry comes from the device that registered the id.
   */
  registration?: { key: string };
  /**
   * Her class role when the relay last said (join, sign-in, refresh). Anyone but a teacher
   * may be kept out of some documents (other groups'), so the app asks the relay which
   * documents she may read before it syncs or lists them (DocumentAccess).
   */
  classRole?: ClassRole;
  /**
   * She joined with a class code and a teacher has not let her in yet (`waiting`), or
   * declined her (`declined`): the relay refuses her everything of the class, so the app shows
   * the waiting screen instead of the workspace (issue 13, admission.ts). Kept on the device,
   * so the decision is remembered offline.
   */
  admission?: "waiting" | "declined";
}

/** `deviceKey` values: short random base64url. */
export const DEVICE_KEY = /^[A-Za-z0-9_-]{8,32}$/;
/** Registration keys: 22–64 base64url characters (the relay checks the same). */
export const REGISTRATION_KEY = /^[A-Za-z0-9_-]{22,64}$/;

/** Who this membership is on this device: stays the same when the relay registers a local workspace. */
export function memberKey(m: Membership): string {
  return m.deviceKey ?? m.user.id;
}

/** Workspace ids the relay hands out: `w` + 10 of [a-z0-9]. */
export const WORKSPACE_ID = /^w[a-z0-9]{10}$/;
/** Longest string field we accept back (names are ≤ 80, tokens a few hundred chars). */
const MAX_FIELD = 4_096;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown, max = MAX_FIELD): string | null {
  return typeof value === "string" && value.length > 0 && value.length <= max ? value : null;
}

/**
 * Checks that `input` is a well-formed membership. Returns `null` (never throws) for anything
 * else, so one corrupt localStorage entry cannot stop the app from opening.
 */
export function parseMembership(input: unknown): Membership | null {
  if (!isRecord(input)) return null;
  const { workspace, user, role, owner, token, expiresAt, joinCodes, deviceKey, registration, classRole, admission } = input;
  if (!isRecord(workspace) || !isRecord(user)) return null;
  const workspaceId = str(workspace.id, 64);
  const workspaceName = str(workspace.name, 200);
  const userId = str(user.id, 200);
  const userName = str(user.name, 200);
  let registrationKey: string | null = null;
  if (registration !== undefined && registration !== null) {
    if (!isRecord(registration) || typeof registration.key !== "string" || !REGISTRATION_KEY.test(registration.key)) return null;
    registrationKey = registration.key;
  }
  // A workspace not yet registered with the relay has no token yet.
  const tokenText = registrationKey !== null && token === "" ? "" : str(token);
  if (deviceKey !== undefined && (typeof deviceKey !== "string" || !DEVICE_KEY.test(deviceKey))) return null;
  if (!workspaceId || !WORKSPACE_ID.test(workspaceId) || !isValidDocName(`${workspaceId}/index`)) return null;
  if (!workspaceName || !userId || !userName || tokenText === null) return null;
  if (role !== "editor" && role !== "viewer") return null;
  if (typeof owner !== "boolean") return null;
  if (typeof expiresAt !== "number" || !Number.isFinite(expiresAt) || expiresAt < 0) return null;
  const membership: Membership = {
    workspace: { id: workspaceId, name: workspaceName },
    user: { id: userId, name: userName },
    role,
    owner,
    token: tokenText,
    expiresAt,
  };
  if (joinCodes !== undefined && joinCodes !== null) {
    if (!isRecord(joinCodes)) return null;
    const editor = str(joinCodes.editor, 32);
    const viewer = str(joinCodes.viewer, 32);
    if (!editor || !viewer) return null;
    membership.joinCodes = { editor, viewer };
  }
  if (deviceKey !== undefined) membership.deviceKey = deviceKey;
  if (registrationKey !== null) membership.registration = { key: registrationKey };
  // An unknown role from a newer relay is dropped, not fatal: the app then treats her as before classes.
  if (admission === "waiting" || admission === "declined") membership.admission = admission;
  if (typeof classRole === "string" && (CLASS_ROLES as readonly string[]).includes(classRole)) membership.classRole = classRole as ClassRole;
  return membership;
}
