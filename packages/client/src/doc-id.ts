/**
 * @module doc-id
 * Random ids for documents created on this device, offline included: `d` + 10 of [a-z0-9]
 * (36^10 ≈ 3.7e15, so two students creating docs offline at once never collide in practice).
 */
const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
export const DOC_ID = /^d[a-z0-9]{10}$/;

export function newDocId(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  let id = "d";
  // 252 = 7 * 36: rejecting bytes ≥ 252 keeps every character equally likely.
  for (let i = 0; i < bytes.length; i++) {
    let byte = bytes[i] as number;
    while (byte >= 252) byte = crypto.getRandomValues(new Uint8Array(1))[0] as number;
    id += ALPHABET[byte % 36];
  }
  return id;
}
