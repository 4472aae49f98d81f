/** The test kit's one stored-doc reader, by path like ./testkit.ts (see there why). */
export { storedDoc, storedRows, storedWorkspaceBytes } from "../../../packages/testkit/src/stored-doc.ts";
