/**
 * @module @quire/storage-sqlite
 * The SQLite adapter of the storage port (@quire/storage): one database file in a private
 * data dir, the stores that share its schema, and a read-only reader of what is on disk.
 */
export { ClientIdStore } from "./ClientIdStore.ts";
export { DocumentStore } from "./DocumentStore.ts";
export type { CommitListener, DocumentStoreOptions, StoredUpdates } from "./DocumentStore.ts";
export { MaintenanceConnection, VACUUM_SLICE_PAGES } from "./MaintenanceConnection.ts";
export type { CheckpointResult, CompactionResult, MaintenanceOptions } from "./MaintenanceConnection.ts";
export { mergeRows } from "./merge-rows.ts";
export type { MergeRows } from "./merge-rows.ts";
export { capDatabaseSize, DATABASE_FILE, openDatabase } from "./open-database.ts";
export type { Db, OpenOptions } from "./open-database.ts";
export { ensurePrivateDir, narrowFileModes, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "./private-data-dir.ts";
export { ProvenanceLog } from "./ProvenanceLog.ts";
export { VersionStore } from "./VersionStore.ts";
export { StorageUsage } from "./StorageUsage.ts";
export type { Charge, Quotas, UsageFigure } from "./StorageUsage.ts";
export { stderrLogger } from "./storage-logger.ts";
export type { StorageLogger } from "./storage-logger.ts";
export { readStoredDocs, StoredDocsReader } from "./StoredDocsReader.ts";
