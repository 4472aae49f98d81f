/**
 * @module transfer-chunk
 * The entry of the lazy export/import chunk (load-transfer.ts): the converters and the
 * actions the buttons run. A module of its own so that neither imports the other in a circle.
 */
export * from "./transfer.ts";
export { downloadDocument, downloadWorkspace, exportFromMenu, importIntoWorkspace, printDocument } from "./workspace-actions.ts";
export { type AuthorshipRequest, AuthorshipUnavailable } from "./authorship-appendix.ts";
