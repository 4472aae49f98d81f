/**
 * @module protocol
 * Wire protocol types. Quire speaks the standard y-websocket protocol so stock Yjs clients
 * interoperate; message types 0–3 are the y-websocket ones. Type 100 is Quire's opt-in
 * extension: only a client that sends `QUIRE_ACK_SUBSCRIBE` ever receives type 100 messages,
 * so stock clients never see them. See docs/protocol.md.
 */

export const MessageType = {
  /** y-protocols/sync: step 1, step 2, update. */
  Sync: 0,
  /** y-protocols/awareness update. */
  Awareness: 1,
  /** y-protocols/auth: permission denied + reason. */
  Auth: 2,
  /** Ask the server to send all awareness states. */
  QueryAwareness: 3,
  /** Quire extension (acknowledgements of durable writes). */
  Quire: 100,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of a {@link MessageType.Quire} message. */
export const QuireMessage = {
  /** client → relay: "send me acknowledgements". No payload. */
  AckSubscribe: 0,
  /**
   * relay → client: the relay has durably written (fsync-level per its SQLite settings) a
   * state containing everything in the attached state vector (varUint8Array, Yjs encoded
   * state vector of the relay's stored doc after the write).
   */
  Ack: 1,
  /**
   * relay → client, once in answer to an ack subscription: what kind of relay this is, as a
   * varUint of flags (bit 0: a classroom hub, issue 14 — the app then shows a third save
   * level). Sent only by hubs; clients that do not know it ignore it (decode fails, caught).
   */
  RelayInfo: 2,
} as const;
export type QuireMessage = (typeof QuireMessage)[keyof typeof QuireMessage];

/** Websocket close codes the relay uses, with the reason text sent beside them. */
export const CloseCode = {
  /** Relay shutting down (SIGTERM/SIGINT); reconnect later. */
  GoingAway: 1001,
  /** Frame larger than the relay's max message size. */
  MessageTooBig: 1009,
  /** Frame was not a well-formed y-websocket / Yjs message. */
  BadMessage: 4400,
  /** Missing, malformed, forged or expired token. */
  Unauthorized: 4401,
  /**
   * Valid token, but not for this document (or revoked, or the member was removed from the
   * class or is not in the document's group).
   */
  Forbidden: 4403,
  /**
   * Not authenticated and loaded within the auth deadline. In the 45xx "try again later"
   * range: y-websocket 3.x gives up for good on 4400–4499, and a slow load is transient.
   */
  Timeout: 4508,
  /** Too many connections from this IP address; 45xx so stock clients retry later. */
  TooManyConnections: 4529,
  /** Invalid document name in the URL. */
  BadDocName: 4404,
  /** The document could not be loaded from storage (it is quarantined, never served empty). */
  DocUnavailable: 4500,
  /** Storage refused the write (e.g. disk full); nothing partial was kept. */
  StorageFull: 4507,
  /**
   * A valid update whose integration into the live doc would take longer than
   * INTEGRATE_BUDGET_MS (security review S1: Yjs's conflict scan is quadratic for many
   * concurrent inserts at one position). Permanent: the same update would be refused again.
   */
  UpdateTooExpensive: 4413,
  /**
   * The socket's user spent more main-thread integration time than CPU_BUDGET_MS allows
   * (security review S1: many updates, each cheap, that add up). 45xx: what was accepted is
   * saved; the client reconnects later with its budget refilled.
   */
  CpuBudgetExceeded: 4530,
  /**
   * An update wrote under a Yjs client id the relay has bound to another user (security
   * review S2). Permanent: the same update would be refused again.
   */
  ClientIdTaken: 4409,
  /**
   * The socket does not read: what the relay holds for it passed MAX_SEND_BUFFER_BYTES
   * (security review S3). 45xx: an honest client on a slow link reconnects and resyncs.
   */
  SendBufferFull: 4531,
  /**
   * The write would exceed the writer's or the workspace's storage quota; nothing of it was
   * kept. 45xx: the client retries later (an operator may raise the quota, compaction may
   * free room) and keeps its changes on the device meanwhile.
   */
  QuotaExceeded: 4532,
  /**
   * The member may no longer write this document (a teacher changed her role, moved her out
   * of write access or locked the document, issue 13); the update that arrived after the
   * change was not kept. 45xx: the client reconnects as a reader and keeps syncing what
   * others write, its own edits stay on the device.
   */
  ReadOnlyNow: 4533,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export type Role = "editor" | "viewer";
export const ROLES: readonly Role[] = ["editor", "viewer"];

/**
 * Claims carried by a relay token. A token grants either one exact document (`doc`) or
 * every document of a workspace (`workspace`: names `<workspace>/...`).
 */
export interface TokenClaims {
  /** Format version. */
  v: 1;
  /** Stable user id. */
  sub: string;
  /** Display name shown to collaborators and in history. */
  name: string;
  role: Role;
  /** Exact document this token grants. */
  doc?: string;
  /** Workspace whose documents this token grants. */
  workspace?: string;
  /** Issued at, seconds since epoch. */
  iat: number;
  /**
   * When the holder first got access (joined, created the workspace, or the CLI signed it),
   * seconds since epoch. Kept across refreshes, which stop MAX_TOKEN_AGE_DAYS after it.
   * Absent on tokens signed before it existed: their `iat` stands in.
   */
  auth_time?: number;
  /** Expiry, seconds since epoch. */
  exp: number;
  /** Token id, for revocation. */
  jti: string;
}

/** True when the claims grant access to `docName`. */
export function claimsCoverDoc(claims: Pick<TokenClaims, "doc" | "workspace">, docName: string): boolean {
  if (claims.doc !== undefined) return claims.doc === docName;
  if (claims.workspace !== undefined) return docName.startsWith(`${claims.workspace}/`);
  return false;
}
