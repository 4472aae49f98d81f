/**
 * @module drop-report
 * What an import left out, counted by kind, so the student reads "2 pictures were too large,
 * 1 unsafe link removed" instead of finding out later. Counted by the HTML sanitiser (before
 * Lexical sees the markup) and by the node pass (after), for every format.
 */
export interface DropReport {
  /** `<script>`, `<iframe>`, `<object>`, `<embed>`… removed with their content. */
  scripts: number;
  /** `onclick=`-style attributes removed. */
  eventHandlers: number;
  /** Links whose address is not http, https or mailto (`javascript:` …): the text stays, the link goes. */
  unsafeLinks: number;
  /** Pictures over the picture limit (MAX_IMAGE_BYTES). */
  picturesTooLarge: number;
  /** Pictures not stored in the file (web addresses) or of a type Quire does not show (SVG…). */
  picturesUnsupported: number;
}

export type DropKind = keyof DropReport;

export const DROP_KINDS: readonly DropKind[] = ["scripts", "eventHandlers", "unsafeLinks", "picturesTooLarge", "picturesUnsupported"];

export function emptyReport(): DropReport {
  return { scripts: 0, eventHandlers: 0, unsafeLinks: 0, picturesTooLarge: 0, picturesUnsupported: 0 };
}

/** True when nothing was dropped. */
export function isCleanReport(report: DropReport): boolean {
  return DROP_KINDS.every((kind) => report[kind] === 0);
}
