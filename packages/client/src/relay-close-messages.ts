/**
 * @module relay-close-messages
 * What to tell the student when the relay closes a document's socket with one of its codes
 * (see CloseCode in @quire/core). Codes not listed need no explanation (e.g. a restart).
 */
import { CloseCode } from "@quire/core";
import type { AccessRefusal } from "./access-refusal.ts";
import { t } from "./client-messages.ts";

/** Built per call, so the words follow the interface language. */
const messages = (): Partial<Record<number, string>> => ({
  [CloseCode.Unauthorized]: t("relayClose.unauthorized"),
  [CloseCode.Forbidden]: t("relayClose.forbidden"),
  [CloseCode.MessageTooBig]: t("relayClose.messageTooBig"),
  [CloseCode.DocUnavailable]: t("relayClose.docUnavailable"),
  [CloseCode.StorageFull]: t("relayClose.storageFull"),
  [CloseCode.QuotaExceeded]: t("relayClose.quotaExceeded"),
  [CloseCode.TooManyConnections]: t("relayClose.tooManyConnections"),
  // Security review S1: a change that would take the relay too long to merge into the document.
  [CloseCode.UpdateTooExpensive]: t("relayClose.updateTooExpensive"),
  [CloseCode.CpuBudgetExceeded]: t("relayClose.cpuBudgetExceeded"),
  // Security review S2: only if another member wrote first under this tab's Yjs client id.
  [CloseCode.ClientIdTaken]: t("relayClose.clientIdTaken"),
  // y-websocket never reconnects after a 44xx close: without a message the replica said
  // "offline" with changes pending forever (offline-convergence seed 846595). A reload syncs
  // afresh, which also recovers from a refusal caused by message order rather than content.
  [CloseCode.BadMessage]: t("relayClose.badMessage"),
  // Issue 13: a teacher changed her role or locked the document; she reconnects as a reader.
  [CloseCode.ReadOnlyNow]: t("relayClose.readOnlyNow"),
});

/** The message for a relay close code, or null when the close needs no explanation. */
export function relayCloseMessage(code: number): string | null {
  return messages()[code] ?? null;
}

/** What to tell her when the class rules refused her a document (issue 13). */
export function accessRefusalMessage(refusal: AccessRefusal): string {
  switch (refusal.kind) {
    case "removed":
      return t("relayClose.removed");
    case "no-access":
      return t("relayClose.noAccess");
    case "locked":
      return t("relayClose.locked");
    case "read-only-role":
      return t("relayClose.readOnlyNow");
  }
}
