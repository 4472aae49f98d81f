/**
 * @module load-editor
 * The editor (Lexical, its plugins and the Yjs binding: about half of the app's code) is its
 * own chunk, so the first screen a student sees — start, join, the workspace's document
 * list — needs only React and the data layer (issue 10 item 6). Invariants: the chunk is
 * requested once and shared by every caller; a failed request (offline before the service
 * worker cached it) is forgotten, so the next caller tries again instead of inheriting the
 * rejection forever.
 */
import type * as EditorModule from "./Editor.tsx";

let pending: Promise<typeof EditorModule> | null = null;

/** Loads the editor chunk (once); main.tsx starts it right after the first screen renders. */
export function loadEditor(): Promise<typeof EditorModule> {
  pending ??= import("./Editor.tsx").catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}
