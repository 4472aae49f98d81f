/**
 * @module image-file
 * Images are stored inside the document as data: URLs so they travel with the Yjs doc and show
 * offline on every device. That makes their size everyone's problem (each byte is synced to
 * every member and kept in every browser), hence the limit.
 */
import { t } from "../i18n/instance.ts";

/**
 * Largest image file accepted. Default 1 MiB: a phone photo must be shrunk first; a screenshot
 * or diagram fits. Larger images would make every sync of the doc slow on school Wi-Fi and
 * approach the relay's 8 MiB message limit after a few inserts. See README "Resource limits".
 */
export const MAX_IMAGE_BYTES = 1024 * 1024;

/** Image types every browser can show; SVG is excluded because it can carry scripts. */
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;

export type ImageCheck = { ok: true } | { ok: false; message: string };

/** Checks a picked file's type and size before it is read. */
export function checkImageFile(file: { name: string; type: string; size: number }, maxBytes = MAX_IMAGE_BYTES): ImageCheck {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return { ok: false, message: t("picture.wrongType", { name: file.name }) };
  }
  if (file.size > maxBytes) {
    const mib = (file.size / (1024 * 1024)).toFixed(1);
    const limit = (maxBytes / (1024 * 1024)).toFixed(0);
    return { ok: false, message: t("picture.tooBig", { name: file.name, size: mib, limit }) };
  }
  return { ok: true };
}

/** True for a data: URL of one of the allowed image types (checked again when a doc is loaded). */
export function isImageDataUrl(src: string): boolean {
  const match = /^data:([a-z/+.-]+);base64,[A-Za-z0-9+/=]*$/.exec(src);
  return match !== null && (IMAGE_TYPES as readonly string[]).includes(match[1] ?? "");
}

/** Reads a checked file into a data: URL. */
export function readImageAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === "string" ? resolve(reader.result) : reject(new Error("could not read the picture")));
    reader.onerror = () => reject(reader.error ?? new Error("could not read the picture"));
    reader.readAsDataURL(file);
  });
}
