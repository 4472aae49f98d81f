/**
 * @module image-size
 * Pixel size of a PNG, GIF or JPEG from its header bytes (a DOCX picture needs its size, and
 * an export should not need a DOM or canvas to know it). Returns null for anything else.
 */
export interface PictureSize {
  width: number;
  height: number;
}

export function pictureSize(bytes: Uint8Array): PictureSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50) {
    return sane(view.getUint32(16), view.getUint32(20));
  }
  if (bytes.length >= 10 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) {
    return sane(view.getUint16(6, true), view.getUint16(8, true));
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(view);
  return null;
}

/** Walks JPEG segments to the first start-of-frame marker (SOF0–SOF15 but DHT/JPG/DAC). */
function jpegSize(view: DataView): PictureSize | null {
  let offset = 2;
  while (offset + 9 < view.byteLength) {
    if (view.getUint8(offset) !== 0xff) return null;
    const marker = view.getUint8(offset + 1);
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = view.getUint16(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return sane(view.getUint16(offset + 7), view.getUint16(offset + 5));
    }
    if (length < 2) return null;
    offset += 2 + length;
  }
  return null;
}

function sane(width: number, height: number): PictureSize | null {
  return width > 0 && height > 0 && width < 100_000 && height < 100_000 ? { width, height } : null;
}

/** Decodes the bytes of a base64 data: URL. */
export function dataUrlToBytes(src: string): Uint8Array {
  const base64 = src.slice(src.indexOf(",") + 1);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
