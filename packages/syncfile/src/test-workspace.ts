/**
 * @module test-workspace
 * Test helper (not exported): a small workspace of Yjs docs shaped like Quire's (text in an
 * XmlText), and a signer, for the format and merge tests.
 */
import * as Y from "yjs";
import { createQuireDoc } from "@quire/core";
import { type SyncFileSigner, generateDeviceKey } from "./signature.ts";

export const WS = "w0123456789";

export function textDoc(clientID: number, text: string): Y.Doc {
  const doc = createQuireDoc();
  doc.clientID = clientID;
  doc.get("root", Y.XmlText).insert(0, text);
  return doc;
}

export function textOf(doc: Y.Doc): string {
  return doc.get("root", Y.XmlText).toString();
}

export function deviceSigner(name = "Ana's laptop"): SyncFileSigner {
  return { kind: "device", name, secretKey: generateDeviceKey() };
}
