/**
 * @module markdown-converters
 * @lexical/markdown's whole-document converters, from a second copy of the package's code
 * that only the lazy export/import chunk loads. Why: the editor chunk already holds
 * @lexical/markdown (for the typing shortcuts) as ONE module; importing its converters from
 * this chunk made the bundler keep them in the editor chunk, +3.3 KB on the first load (over
 * the 250 KB budget). The copy is the package's own dev build, resolved by path (the package's
 * export map lists only its main entry); the transformers it runs are the editor's own.
 */
import type * as Markdown from "@lexical/markdown";
// biome-ignore lint/suspicious/noTsIgnore: a path into a package has no types; they are restated below from the package's own
// @ts-ignore
import * as copy from "../../node_modules/@lexical/markdown/dist/LexicalMarkdown.dev.js";

const converters = copy as typeof Markdown;

export const $convertFromMarkdownString: typeof Markdown.$convertFromMarkdownString = converters.$convertFromMarkdownString;
export const $convertToMarkdownString: typeof Markdown.$convertToMarkdownString = converters.$convertToMarkdownString;
