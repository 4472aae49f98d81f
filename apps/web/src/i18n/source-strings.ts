/**
 * @module source-strings
 * Reads the web app's sources and reports (a) user-facing string literals in JSX that bypass
 * the catalog and (b) the catalog keys the code asks for with `t("…")`. Used by
 * hard-coded-strings.test.ts only; never bundled.
 *
 * Parser: Vite's `parseSync` (oxc, ESTree + JSX with TypeScript syntax). The TypeScript
 * compiler API would do as well, but the repo's typescript 7 is the native compiler and ships
 * no JavaScript API; oxc is already here through Vite.
 *
 * Invariants: only literal text is judged (an expression is assumed to come from `t`); text
 * with no letter (`·`, `✓`, `☰`) and ALLOWED_LITERALS are not user-facing words; a file
 * that does not parse is an error, never a silent pass.
 */
import { parseSync } from "vite";

/** Attributes a person reads or hears (screen readers read aria-label, title and alt). */
export const USER_FACING_ATTRIBUTES = new Set([
  "aria-label",
  "aria-placeholder",
  "aria-description",
  "aria-roledescription",
  "aria-valuetext",
  "title",
  "placeholder",
  "alt",
  // <option label>, and our components' label props (Toolbar's Btn, ShareButton's CodeRow).
  "label",
]);

/** The product's name is the same in every language. */
export const ALLOWED_LITERALS = new Set(["Quire"]);

export interface HardCodedString {
  line: number;
  text: string;
  where: string;
}

export interface KeyUse {
  key: string;
  plural: boolean;
  line: number;
}

/** The few ESTree fields read here; everything else is walked generically. */
interface AstNode {
  type: string;
  start: number;
  [field: string]: unknown;
}

const isNode = (value: unknown): value is AstNode => typeof value === "object" && value !== null && typeof (value as AstNode).type === "string";

function parse(fileName: string, source: string): AstNode {
  const lang = fileName.endsWith(".tsx") ? "tsx" : "ts";
  const result = parseSync(fileName, source, { lang });
  if (result.errors.length > 0) throw new Error(`${fileName} does not parse: ${result.errors[0]?.message}`);
  return result.program as unknown as AstNode;
}

/** Calls `visit(node, parent)` for every node, depth first. */
function walk(node: AstNode, visit: (node: AstNode, parent: AstNode | null) => void, parent: AstNode | null = null): void {
  visit(node, parent);
  for (const [key, value] of Object.entries(node)) {
    if (key === "parent") continue;
    if (Array.isArray(value)) for (const child of value) isNode(child) && walk(child, visit, node);
    else if (isNode(value)) walk(value, visit, node);
  }
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

const hasLetter = (text: string): boolean => /\p{L}/u.test(text);
const isUserFacing = (text: string): boolean => {
  let words = text;
  for (const allowed of ALLOWED_LITERALS) words = words.split(allowed).join(" ");
  return hasLetter(words);
};

/** Literal texts an expression may evaluate to: "x", `x ${y}`, a ? "x" : "y", a ?? "x". */
function literalsOf(node: AstNode): string[] {
  switch (node.type) {
    case "Literal":
      return typeof node.value === "string" ? [node.value] : [];
    case "TemplateLiteral":
      return [(node.quasis as AstNode[]).map((q) => (q.value as { cooked?: string; raw: string }).cooked ?? "").join(" ")];
    case "ConditionalExpression":
      return [...literalsOf(node.consequent as AstNode), ...literalsOf(node.alternate as AstNode)];
    case "LogicalExpression":
      return literalsOf(node.right as AstNode);
    case "ParenthesizedExpression":
    case "TSAsExpression":
      return literalsOf(node.expression as AstNode);
    default:
      return [];
  }
}

export function findHardCodedStrings(fileName: string, source: string): HardCodedString[] {
  const found: HardCodedString[] = [];
  const report = (node: AstNode, text: string, where: string): void => {
    if (isUserFacing(text)) found.push({ line: lineOf(source, node.start), text: text.trim(), where });
  };
  walk(parse(fileName, source), (node, parent) => {
    if (node.type === "JSXText") report(node, String(node.value), "JSX text");
    else if (node.type === "JSXExpressionContainer" && parent && (parent.type === "JSXElement" || parent.type === "JSXFragment")) {
      for (const text of literalsOf(node.expression as AstNode)) report(node, text, "JSX text");
    } else if (node.type === "JSXAttribute") {
      const name = (node.name as AstNode).name;
      const value = node.value as AstNode | null;
      if (typeof name !== "string" || !USER_FACING_ATTRIBUTES.has(name) || !value) return;
      const texts = value.type === "JSXExpressionContainer" ? literalsOf(value.expression as AstNode) : literalsOf(value);
      for (const text of texts) report(node, text, name);
    }
  });
  return found;
}

/** Every `t("key", …)` / `i18n.t("key")` with a literal key; `plural` when a count is passed. */
export function findTranslationKeys(fileName: string, source: string): KeyUse[] {
  const uses: KeyUse[] = [];
  walk(parse(fileName, source), (node) => {
    if (node.type !== "CallExpression") return;
    const callee = node.callee as AstNode;
    const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" ? (callee.property as AstNode).name : null;
    const [first, second] = node.arguments as AstNode[];
    if (name !== "t" || !first || first.type !== "Literal" || typeof first.value !== "string") return;
    const plural =
      second?.type === "ObjectExpression" && (second.properties as AstNode[]).some((p) => p.type === "Property" && (p.key as AstNode).name === "count");
    uses.push({ key: first.value, plural, line: lineOf(source, first.start) });
  });
  return uses;
}
