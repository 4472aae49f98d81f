/**
 * @module qr-text
 * A QR code of the hub's URL as text for the terminal (issue 14, item 1): students scan it
 * from the teacher's screen instead of typing an address. Half-block characters, two
 * characters a module pair, with a quiet-zone border; phone cameras read it in light or dark
 * terminals (modern scanners accept inverted codes).
 */
import { renderUnicodeCompact } from "uqr";

export function qrText(url: string): string {
  return renderUnicodeCompact(url, { border: 2, ecc: "L" });
}
