/**
 * @module pending-comment
 * A comment being written: its anchor (relative positions made when the words were selected,
 * so edits while the writer types do not move it) and the quoted words.
 */
import type * as Y from "yjs";

export interface PendingComment {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  quote: string;
}
