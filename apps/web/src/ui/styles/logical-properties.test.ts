/**
 * Every stylesheet of the app mirrors under `<html dir="rtl">` (issue 16): no rule may place
 * or space things by physical left/right, which would stay put when Arabic flips the page.
 * This check reads every .css file under apps/web/src and fails on a physical inline-axis
 * declaration, naming the file, line and the logical property to use instead. Vertical
 * (top/bottom) properties are direction-neutral and allowed; a four-value shorthand is allowed
 * when its left and right values are equal, since mirroring does not change it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { physicalInlineDeclarations } from "./physical-inline-declarations.ts";

const SRC = join(import.meta.dirname, "..", "..");

function stylesheets(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".css"))
    .map((f) => join(SRC, f));
}

describe("app stylesheets use logical properties", () => {
  it("finds the stylesheets", () => {
    expect(stylesheets().length).toBeGreaterThanOrEqual(6);
  });

  it("has no physical left/right declaration in any stylesheet", () => {
    const found = stylesheets().flatMap((file) =>
      physicalInlineDeclarations(readFileSync(file, "utf8")).map((d) => `${relative(SRC, file)}:${d.line}: ${d.declaration} (use ${d.instead})`),
    );
    expect(found).toEqual([]);
  });
});

describe("physicalInlineDeclarations", () => {
  it("flags what the stylesheets had before issue 16", () => {
    const before = [
      ".drawer { position: fixed; top: 0; bottom: 0; left: 0; transform: translateX(-100%); }",
      ".ed-quote { border-left: 4px solid #bac8ff; padding: 2px 14px; }",
      ".ed-ul { padding-left: 26px; }",
      ".ed-th { text-align: left; }",
      ".share-pop { right: 0; top: calc(100% + 8px); }",
      ".avatar { margin-left: -6px; }",
      ".x { margin: 0 4px 0 8px; }",
      ".y { border-top-left-radius: 4px; }",
    ].join("\n");
    expect(physicalInlineDeclarations(before).map((d) => d.declaration)).toEqual([
      "left: 0",
      "transform: translateX(-100%)",
      "border-left: 4px solid #bac8ff",
      "padding-left: 26px",
      "text-align: left",
      "right: 0",
      "margin-left: -6px",
      "margin: 0 4px 0 8px",
      "border-top-left-radius: 4px",
    ]);
  });

  it("allows logical properties, vertical ones, symmetric shorthands and comments", () => {
    const after = [
      "/* left: 0 in a comment */",
      ".drawer { inset-block: 0; inset-inline-start: 0; transform: translateX(var(--drawer-hidden-x)); }",
      ".a { margin: 0 auto; padding: 24px 40px 48px; border-radius: 12px 12px 0 0; top: 4px; }",
      ".b { text-align: start; border-inline-end: 1px solid red; padding-inline: 8px; }",
      ".c { background: radial-gradient(1200px 600px at 10% -10%, #dbe4ff 0%, transparent 60%); }",
      ".d { margin-top: 4px; margin-bottom: 0; border-bottom: 1px solid; }",
      "/* A check mark does not mirror: physical on purpose. */",
      ".e::after { border-width: 0 2px 2px 0; }",
    ].join("\n");
    expect(physicalInlineDeclarations(after)).toEqual([]);
  });
});
