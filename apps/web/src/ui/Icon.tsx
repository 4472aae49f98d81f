/**
 * @module Icon
 * Small line icons drawn inline (24×24, stroke = currentColor). Inline SVG rather than emoji:
 * emoji glyphs depend on the device's fonts and show as empty boxes on many school laptops.
 */
import type { JSX } from "react";

const PATHS = {
  undo: "M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11",
  redo: "m15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13",
  link: "M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7",
  image: "M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15.5 9.5h.01",
  trash: "M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3",
  pencil: "M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z",
  table: "M3 5h18v14H3zM3 10h18M3 15h18M9 5v14M15 5v14",
  rule: "M4 12h16",
  bullets: "M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01",
  numbers: "M10 6h10M10 12h10M10 18h10M4 5l1.5-1V9M3.5 14.5a1.5 1.5 0 0 1 3 .5L3.5 19h3",
  checklist: "M3 6.5 4.5 8 7 5M3 16.5 4.5 18 7 15M11 7h10M11 17h10",
  outdent: "M21 5H3M21 19H3M21 12H11M7 9l-3 3 3 3",
  indent: "M21 5H3M21 19H3M21 12H11M4 9l3 3-3 3",
  code: "m8 8-4 4 4 4M16 8l4 4-4 4",
  menu: "M4 6h16M4 12h16M4 18h16",
  people: "M15 19v-1a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v1M8.5 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6M22 19v-1a4 4 0 0 0-3-3.9M15.5 5.1a3 3 0 0 1 0 5.8",
  syncFile: "M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5M12 10v7M9 14l3 3 3-3",
} as const;

export type IconName = keyof typeof PATHS;

/**
 * Icons that point along the line of text, drawn mirrored in a right-to-left interface
 * (styles/right-to-left.css): undo points back against the reading direction, indent toward
 * it, list markers sit at the line's start. Not "numbers" (digits never mirror) nor symmetric ones.
 */
const MIRRORED_IN_RTL: ReadonlySet<IconName> = new Set(["undo", "redo", "indent", "outdent", "bullets", "checklist"]);

export function Icon({ name, size = 18 }: { name: IconName; size?: number }): JSX.Element {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={name === "bullets" || name === "numbers" ? 2 : 1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className={MIRRORED_IN_RTL.has(name) ? "icon icon-mirror-rtl" : "icon"}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
