/**
 * @module SyncFileError
 * The one error a `.quire` file is refused with. `code` is stable (the web app translates it,
 * tests match it); `message` is English for logs and the relay's CLI.
 */

export type SyncFileErrorCode =
  | "not-a-sync-file"
  | "unsupported-version"
  | "truncated"
  | "too-large"
  | "bad-manifest"
  | "bad-signature"
  | "hash-mismatch"
  | "bad-update"
  | "over-budget"
  | "wrong-workspace";

export class SyncFileError extends Error {
  override readonly name = "SyncFileError";
  constructor(
    readonly code: SyncFileErrorCode,
    message: string,
  ) {
    super(message);
  }
}
