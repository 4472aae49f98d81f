/**
 * @module qr-image
 * A QR code as an image a printed card can hold: qrcode-generator (MIT, no dependencies, the
 * library behind many classroom apps' codes) draws it as a GIF data URL, so printing needs no
 * canvas and no request. Error correction M (15 %): a card that got folded in a pencil case
 * still scans, and the sign-in URL (~50 characters) stays a small version-4 code.
 */
import qrcode from "qrcode-generator";

/** Pixels per module and quiet-zone modules: 4 px × ~33 modules ≈ 3 cm at print resolution. */
const CELL_PX = 4;
const MARGIN_CELLS = 4;

/** A `data:image/gif;base64,…` QR code of `text`. */
export function qrDataUrl(text: string): string {
  const code = qrcode(0, "M");
  code.addData(text, "Byte");
  code.make();
  return code.createDataURL(CELL_PX, MARGIN_CELLS * CELL_PX);
}
