/**
 * @module physical-inline-declarations
 * Finds CSS declarations that place or space things by physical left/right — the ones that do
 * not mirror when the page is right to left (issue 16). Used by logical-properties.test.ts over
 * every stylesheet of the app; a plain scanner, not a CSS parser: declarations are
 * `property: value` pairs between `{`, `;` and `}` with comments removed, which is all the
 * app's hand-written CSS uses.
 *
 * Flagged: `left`/`right`; `margin-`, `padding-`, `border-` + `left`/`right` (and their
 * sub-properties); corner radii naming left/right; `text-align`, `float`, `clear` with
 * left/right; `translateX()` by a literal amount (a custom property may flip with `:dir()`);
 * four-value `margin`/`padding`/`inset`/`border-width` whose right and left differ, and
 * `border-radius` whose corners differ left from right. A shape that must not mirror (a check
 * mark drawn with borders) is allowed by a comment saying "physical on purpose" and why, on
 * its line or the line before.
 */

export interface PhysicalDeclaration {
  /** 1-based line of the declaration's property name. */
  line: number;
  declaration: string;
  /** The logical replacement to suggest. */
  instead: string;
}

const SIDE = /^(margin|padding|border)-(left|right)(-.*)?$/;
const CORNER = /^border-(top|bottom)-(left|right)-radius$/;
const FOUR_SIDED = new Set(["margin", "padding", "inset", "border-width", "border-style", "border-color"]);

/** Splits a value on top-level whitespace (not inside parentheses). */
function valueParts(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of value) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (/\s/.test(ch) && depth === 0) {
      if (current) parts.push(current);
      current = "";
    } else current += ch;
  }
  if (current) parts.push(current);
  return parts;
}

function mirrorsUnchanged(property: string, value: string): boolean {
  if (value.includes("/")) return false; // elliptical radii: judge by hand, so flag
  const p = valueParts(value);
  if (property === "border-radius") {
    // top-left top-right bottom-right bottom-left; mirroring swaps left and right corners.
    const [tl, tr = tl, br = tl, bl = tr] = p;
    return tl === tr && br === bl;
  }
  // top right bottom left
  const [, right, , left = right] = p;
  return right === left;
}

function check(property: string, value: string): string | null {
  const v = value.trim().toLowerCase();
  if (property === "left") return "inset-inline-start";
  if (property === "right") return "inset-inline-end";
  const side = SIDE.exec(property);
  if (side) return `${side[1]}-inline-${side[2] === "left" ? "start" : "end"}${side[3] ?? ""}`;
  const corner = CORNER.exec(property);
  if (corner) return `border-${corner[1] === "top" ? "start" : "end"}-${corner[2] === "left" ? "start" : "end"}-radius`;
  if ((property === "text-align" || property === "float" || property === "clear") && /^(left|right)\b/.test(v)) {
    return `${property}: ${v.startsWith("left") ? "start" : "end"}`;
  }
  if (property === "transform" && /translatex\(\s*(?!var\(|0\s*\))/.test(v)) return "a custom property flipped with :dir(rtl)";
  if ((FOUR_SIDED.has(property) || property === "border-radius") && !mirrorsUnchanged(property, v)) {
    return `${property}-block / ${property}-inline (or equal left and right)`;
  }
  return null;
}

/** A comment with this text on a declaration's line (or the line before) allows it. */
export const ALLOW_MARK = "physical on purpose";

export function physicalInlineDeclarations(css: string): PhysicalDeclaration[] {
  const lines = css.split("\n");
  // Blank out comments but keep their newlines, so line numbers stay right.
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "));
  const found: PhysicalDeclaration[] = [];
  const declaration = /(^|[{;])(\s*)([a-z-]+)\s*:\s*([^;{}]*)/g;
  for (let m = declaration.exec(text); m; m = declaration.exec(text)) {
    const property = (m[3] ?? "").toLowerCase();
    const value = (m[4] ?? "").trim();
    // A selector with a pseudo-class (`a:hover {`) also looks like `name: value` up to `{`.
    if (text[m.index + m[0].length] === "{") continue;
    const instead = check(property, value);
    if (instead === null) continue;
    const start = m.index + (m[1] ?? "").length + (m[2] ?? "").length;
    const line = text.slice(0, start).split("\n").length;
    if (lines[line - 1]?.includes(ALLOW_MARK) || lines[line - 2]?.includes(ALLOW_MARK)) continue;
    found.push({ line, declaration: `${property}: ${value}`, instead });
  }
  return found;
}
