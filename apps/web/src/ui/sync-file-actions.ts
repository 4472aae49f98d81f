/**
 * @module sync-file-actions
 * What the "Sync file" menu runs, loaded only when a student uses it (SyncFileMenu imports
 * this lazily): the format, Ed25519 and SHA-256 code (~30 KB) stay out of the first load,
 * which is budgeted at 250 KB for a 500 kbit/s school link (README, "Resource limits").
 */
export { exportFromDevice, importToDevice } from "@quire/client";
