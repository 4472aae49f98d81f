/**
 * @module zip-guard
 * Checks that bytes are a zip whose entries, inflated, stay within a budget — before any
 * converter (mammoth inflates everything at once) sees them. Compressed data is fed to
 * fflate's streaming inflater 16 KiB at a time, so the most one step can produce is ~17 MB
 * (deflate's ratio tops out near 1032:1) and we stop at the first chunk over the budget:
 * a zip bomb costs a bounded amount of memory and time, never its claimed size.
 */
import { Unzip, UnzipInflate } from "fflate";
import { ImportError } from "./import-error.ts";
import { MAX_DOCX_ENTRIES, MAX_DOCX_INFLATED_BYTES } from "./transfer-limits.ts";

const FEED_BYTES = 16 * 1024;

export interface ZipLimits {
  maxInflatedBytes: number;
  maxEntries: number;
}

/** The entry names, once every entry inflated within the limits; else an ImportError. */
export function checkZip(bytes: Uint8Array, limits: ZipLimits = { maxInflatedBytes: MAX_DOCX_INFLATED_BYTES, maxEntries: MAX_DOCX_ENTRIES }): string[] {
  // "PK\x03\x04": the local file header every zip starts with.
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    throw new ImportError("notDocx");
  }
  const names: string[] = [];
  let inflated = 0;
  let over = false;
  let failed = false;
  const unzip = new Unzip((file) => {
    names.push(file.name);
    if (names.length > limits.maxEntries) {
      over = true;
      return;
    }
    file.ondata = (error, chunk) => {
      if (error) {
        failed = true;
        return;
      }
      inflated += chunk.length;
      if (inflated > limits.maxInflatedBytes) {
        over = true;
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let offset = 0; offset < bytes.length && !over && !failed; offset += FEED_BYTES) {
      const end = Math.min(offset + FEED_BYTES, bytes.length);
      unzip.push(bytes.subarray(offset, end), end === bytes.length);
    }
  } catch {
    if (!over) throw new ImportError("notDocx");
  }
  if (over) throw new ImportError("zipBomb", { limit: Math.round(limits.maxInflatedBytes / (1024 * 1024)) });
  if (failed) throw new ImportError("notDocx");
  return names;
}
