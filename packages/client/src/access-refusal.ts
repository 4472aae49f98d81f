/**
 * @module access-refusal
 * What the relay's class rules (issue 13) took from this member for one document, read from
 * a socket close (docs/protocol.md "Close codes"):
 *
 * - 4403 `forbidden: you were removed from this class` → `removed`: nothing of the class is
 *   hers to sync any more; every local copy stays readable and exportable.
 * - 4403 otherwise (another group's document, a revoked token) → `no-access`: this document
 *   only; no socket is opened for it again until the page is reloaded.
 * - 4533 `read-only: …` → `locked` (the teacher locked the document) or `read-only-role`
 *   (she is a commenter or viewer now). The socket reconnects as a reader; her edits the
 *   relay refused stay on the device and the editor becomes read-only.
 *
 * The close reason is untrusted text from the network: it is only matched against the fixed
 * phrases the relay sends, never shown.
 */
import { CloseCode } from "@quire/core";

export type AccessRefusalKind = "removed" | "no-access" | "locked" | "read-only-role";

export interface AccessRefusal {
  kind: AccessRefusalKind;
}

/** The refusal a relay close means, or null when the close is about something else. */
export function accessRefusalFromClose(code: number, reason: string): AccessRefusal | null {
  if (code === CloseCode.Forbidden) return { kind: /removed from this class/.test(reason) ? "removed" : "no-access" };
  if (code === CloseCode.ReadOnlyNow) return { kind: /locked/.test(reason) ? "locked" : "read-only-role" };
  return null;
}

/** True for the refusals after which the member may still read the document live. */
export function isReadOnlyRefusal(refusal: AccessRefusal | null): boolean {
  return refusal?.kind === "locked" || refusal?.kind === "read-only-role";
}
