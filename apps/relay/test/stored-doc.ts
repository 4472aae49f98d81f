/** The test kit's one stored-doc reader (through ./testkit.ts: see there why by path). */
export { storedDoc, storedRows, storedWorkspaceBytes } from "./testkit.ts";
