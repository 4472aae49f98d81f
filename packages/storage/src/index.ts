export type {
  CommitListener,
  ProvenanceQuery,
  StoragePort,
  StoredUpdates,
  UpdateProvenance,
} from "./StoragePort.ts";
export { decodeRanges, encodeRanges, intersectRanges, normalizeRanges, unionRanges } from "./clock-ranges.ts";
export { COALESCE_WINDOW_MS, MAX_RANGES_PER_RECORD, canCoalesce } from "./coalescing.ts";
export type { OpenRecord } from "./coalescing.ts";
export type { NewVersion, StoredVersion, StoredVersionKind, VersionChange } from "./versions.ts";
