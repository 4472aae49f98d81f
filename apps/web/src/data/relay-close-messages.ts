/**
 * @module relay-close-messages
 * What to tell the student when the relay closes a document's socket with one of its codes
 * (see CloseCode in @quire/core). Codes not listed need no explanation (e.g. a restart).
 */
import { CloseCode } from "@quire/core";

const MESSAGES: Partial<Record<number, string>> = {
  [CloseCode.Unauthorized]: "The relay refused your access token. Reopen the workspace or join again with a code.",
  [CloseCode.Forbidden]: "You no longer have access to this workspace. Ask its owner for a new join code.",
  [CloseCode.MessageTooBig]: "A change is too big for the relay (over its size limit), so it can't be saved there.",
  [CloseCode.DocUnavailable]: "The relay can't open this document right now. Your changes are safe on this device.",
  [CloseCode.StorageFull]: "The relay's storage is full. Your changes are safe on this device until it has space.",
  [CloseCode.QuotaExceeded]:
    "The relay's storage quota for you or this workspace is used up, so new changes can't be saved there. They are safe on this device: tell your teacher.",
  [CloseCode.TooManyConnections]: "Too many connections from this network. Quire keeps trying.",
  // Security review S1: a change that would take the relay too long to merge into the document.
  [CloseCode.UpdateTooExpensive]:
    "The relay refused a change: merging it would take the relay too long. It is safe on this device: tell your teacher.",
  [CloseCode.CpuBudgetExceeded]: "The relay is busy with your changes. Quire reconnects in a moment; they are safe on this device.",
  // Security review S2: only if another member wrote first under this tab's Yjs client id.
  [CloseCode.ClientIdTaken]:
    "The relay refused your changes: another member is writing under this tab's editing id. They are safe on this device: reload the page and tell your teacher.",
};

/** The message for a relay close code, or null when the close needs no explanation. */
export function relayCloseMessage(code: number): string | null {
  return MESSAGES[code] ?? null;
}
