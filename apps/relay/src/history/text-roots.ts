/**
 * @module text-roots
 * A doc rebuilt from updates knows its top-level types only by name, not class (Yjs does not
 * put the class on the wire). @quire/history restores into Quire's own roots (`root-v2`,
 * `root`) and into any type whose class the doc already knows; a stock y-websocket app's
 * `doc.getText("t")` arrives as a bare type and would be left out of a restore. A bare
 * top-level type holding only text (strings, formatting marks, embeds, deleted content) and no
 * map entries is a Y.Text: give it that class so restores reach it (issue 12: stock clients'
 * edits count like the web app's). Anything else stays bare and untouched.
 */
import * as Y from "yjs";

export function typeTextRoots(doc: Y.Doc): void {
  for (const [name, shared] of [...doc.share]) {
    // Widened: the class check below is what narrows it, not the declared type.
    const type = shared as Y.AbstractType<unknown>;
    if ((type.constructor as unknown) !== Y.AbstractType || type._map.size > 0 || type._start === null) continue;
    let textOnly = true;
    for (let item: Y.Item | null = type._start; item !== null; item = item.right) {
      const content = item.content;
      if (!(content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed || content instanceof Y.ContentDeleted)) {
        textOnly = false;
        break;
      }
    }
    if (textOnly) doc.getText(name);
  }
}
