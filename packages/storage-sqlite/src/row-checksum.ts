/**
 * @module row-checksum
 * SHA-256 of a stored row's bytes, written with every row the relay checked or merged from
 * checked rows, so such a row loads without a second check (bench/FINDINGS.md F4). Shared by
 * the main connection (DocumentStore) and the maintenance connection (compaction).
 */
import { createHash } from "node:crypto";

export function checksumOf(data: Uint8Array): Buffer {
  return createHash("sha256").update(data).digest();
}
