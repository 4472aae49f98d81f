/**
 * @module client-messages
 * The sentences this package shows a student (relay refusals, device errors, API failures),
 * and the seam through which the app translates them.
 *
 * Why a seam: the catalogs of every interface language belong to the app (apps/web
 * i18n/locales), and a package never imports an app. The app registers its translator once at
 * start-up ({@link setClientTranslator}); until then, and wherever no app runs (the bench,
 * this package's tests), the English below answers. apps/web's client-messages test checks
 * that every key here exists in en.json with the same English text, so the two cannot drift.
 */

/** English text of every message this package can produce, by the app catalog's key. */
export const CLIENT_MESSAGES_EN = {
  "api.badRequest": "Something in the form isn't right. Check it and try again.",
  "api.badResponse": "The Quire server sent an answer this app doesn't understand. Try reloading the page.",
  "api.expired": "Your access to this workspace has expired. Ask for a new join code.",
  "api.forbidden": "You don't have access to this workspace any more. Ask its owner for a new join code.",
  "api.idTaken": "This workspace's id is already taken on the relay. Start a new workspace and copy your text into it.",
  "api.invalidCode": "A join code has 8 letters or digits, like ABCD-EFGH.",
  "api.offline": "You are offline. Check your connection and try again.",
  "api.refused": "The Quire server refused the request ({{status}}).",
  "api.serverProblem": "The Quire server had a problem. Try again in a moment.",
  "api.timeout": "The Quire server took too long to answer. Check your connection and try again.",
  "api.tooLong": "That's too long. Shorten it and try again.",
  "api.tooManyTries": "Too many tries in a short time. Wait a minute and try again.",
  "api.typeWorkspaceName": "Please type a workspace name.",
  "api.typeYourName": "Please type your name.",
  "api.unknownCode": "That code doesn't match any workspace. Check it with whoever shared it.",
  "api.unknownWorkspace": "That workspace doesn't exist on this server.",
  "api.unreachable": "Can't reach the relay: your network works, but the Quire relay doesn't answer. Try again in a moment.",
  "api.workspaceNameTooLong": "That's too long: a workspace name can have at most {{max}} characters.",
  "api.yourNameTooLong": "That's too long: your name can have at most {{max}} characters.",
  "deviceError.closed": "The browser removed this document's copy from this device (site data cleared, or storage full), so new changes are not saved on it. Stay online until they are saved on the relay.",
  "deviceError.nearQuota": "This device's storage for Quire is {{percent}}% full. Free some space soon, or new changes may not be saved on this device.",
  "deviceError.open": "This browser won't let Quire keep documents on this device (private window or storage turned off). Your changes are saved only while you are online.",
  "deviceError.outOfSpace": "This device is out of storage space, so your latest changes are not saved on it. Stay online until they are saved on the relay, and free some space.",
  "deviceError.read": "The copy of this document on this device could not be read. Stay online to get it from the relay.",
  "deviceError.row": "Part of this document's copy on this device was damaged and skipped. Stay online so the relay can fill it in.",
  "deviceError.writeFailed": "Saving on this device failed, so your latest changes are only in this tab. Stay online until they are saved on the relay.",
  "index.readOnly": "You can only read this workspace. Ask its owner for an edit code to add or change documents.",
  "relayClose.badMessage": "The relay refused a change from this device as invalid, so your changes are not being saved there. They are safe on this device: reload the page, and tell your teacher if this message comes back.",
  "relayClose.removed": "Your teacher removed you from this class, so your changes are no longer sent to the relay. Every document stays on this device: you can still read and export it.",
  "relayClose.noAccess": "This document belongs to a group you are not in, so it no longer syncs. The copy on this device stays readable.",
  "relayClose.locked": "Your teacher locked this document, so your latest change was not saved on the relay. It stays on this device, and you can still read the document.",
  "relayClose.readOnlyNow": "Your teacher made this document read-only for you, so your latest change was not saved on the relay. It stays on this device, and you can still read the document.",
  "relayClose.clientIdTaken": "The relay refused your changes: another member is writing under this tab's editing id. They are safe on this device: reload the page and tell your teacher.",
  "relayClose.cpuBudgetExceeded": "The relay is busy with your changes. Quire reconnects in a moment; they are safe on this device.",
  "relayClose.docUnavailable": "The relay can't open this document right now. Your changes are safe on this device.",
  "relayClose.forbidden": "You no longer have access to this workspace. Ask its owner for a new join code.",
  "relayClose.messageTooBig": "A change is too big for the relay (over its size limit), so it can't be saved there.",
  "relayClose.quotaExceeded": "The relay's storage quota for you or this workspace is used up, so new changes can't be saved there. They are safe on this device: tell your teacher.",
  "relayClose.storageFull": "The relay's storage is full. Your changes are safe on this device until it has space.",
  "relayClose.tooManyConnections": "Too many connections from this network. Quire keeps trying.",
  "relayClose.unauthorized": "The relay refused your access token. Reopen the workspace or join again with a code.",
  "relayClose.updateTooExpensive": "The relay refused a change: merging it would take the relay too long. It is safe on this device: tell your teacher.",
} as const;

export type ClientMessageKey = keyof typeof CLIENT_MESSAGES_EN;
export type ClientMessageParams = Record<string, string | number>;
/** Answers a message in the current interface language. */
export type ClientTranslator = (key: ClientMessageKey, params?: ClientMessageParams) => string;

/** `{{name}}` placeholders (as the app's translator reads them), enough for the English fallback. */
const english: ClientTranslator = (key, params) =>
  CLIENT_MESSAGES_EN[key].replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));

let translator: ClientTranslator = english;

/** Makes every later message follow the app's interface language (call once at start-up). */
export function setClientTranslator(next: ClientTranslator | null): void {
  translator = next ?? english;
}

/** Translate a message of this package, at call time (so it follows language switches). */
export function t(key: ClientMessageKey, params?: ClientMessageParams): string {
  return translator(key, params);
}
