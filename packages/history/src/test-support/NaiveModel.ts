/**
 * @module NaiveModel
 * The brute-force oracle for the randomized history tests. Every character a user types is a
 * code point that names its writer (user u types from U+4E00 + u·0x1000 upward), so "who wrote
 * this character" is readable from the character itself, copies included. After each record
 * the model walks the relay doc character by character with plain Yjs APIs (one object per
 * character, which the library avoids) and keeps: the text and rich rendering of every
 * version, who deleted which visible character, and which characters each record brought.
 */
import type { ProvenanceRecord } from "@quire/core";
import * as Y from "yjs";
import { renderPlain, renderRich, root } from "./lexical-v2.ts";

export const CODE_BASE = 0x4e00;
export const CODE_SPAN = 0x1000;

export function ownerOf(ch: string): number {
  return Math.floor(((ch.codePointAt(0) ?? 0) - CODE_BASE) / CODE_SPAN);
}

export interface ModelFigures {
  inserted: number;
  surviving: number;
  deletedByThem: number;
  removedByOthers: number;
  offlineRecords: number;
  offlineInserted: number;
  pastes: number;
}

export class NaiveModel {
  readonly texts: string[] = [""];
  readonly rich: string[] = [];
  /** Per user id. */
  readonly figures = new Map<string, ModelFigures>();
  private visible = new Map<string, string>();
  private seen = new Set<string>();

  constructor(
    private readonly doc: Y.Doc,
    readonly userIdOfOwner: (owner: number) => string,
    private readonly pasteMin: number,
  ) {
    this.rich.push(renderRich(doc));
  }

  fig(userId: string): ModelFigures {
    let f = this.figures.get(userId);
    if (!f) {
      f = { inserted: 0, surviving: 0, deletedByThem: 0, removedByOthers: 0, offlineRecords: 0, offlineInserted: 0, pastes: 0 };
      this.figures.set(userId, f);
    }
    return f;
  }

  /** Call after the relay applied `r`. */
  onRecord(r: ProvenanceRecord, isCopyWriter: boolean): void {
    this.texts[r.seq] = renderPlain(this.doc);
    this.rich[r.seq] = renderRich(this.doc);
    const { visible, all } = this.walk();
    const sender = this.fig(r.userId);
    for (const [id, ch] of this.visible) {
      if (visible.has(id)) continue;
      sender.deletedByThem++;
      const owner = this.userIdOfOwner(ownerOf(ch));
      if (owner !== r.userId) this.fig(owner).removedByOthers++;
    }
    let brought = 0;
    for (const id of all) if (!this.seen.has(id)) brought++;
    if (r.catchUp) {
      sender.offlineRecords++;
      sender.offlineInserted += brought;
    } else if (!isCopyWriter && brought > 0 && brought / r.updates >= this.pasteMin) sender.pastes++;
    this.visible = visible;
    this.seen = all;
  }

  /** Surviving figures from the final text. */
  finish(): void {
    for (const f of this.figures.values()) f.surviving = 0;
    for (const ch of this.visible.values()) this.fig(this.userIdOfOwner(ownerOf(ch))).surviving++;
  }

  /** Every text character by id: the visible ones (with their character) and all ever seen. */
  private walk(): { visible: Map<string, string>; all: Set<string> } {
    const visible = new Map<string, string>();
    const all = new Set<string>();
    const visit = (type: Y.XmlElement | Y.XmlText, hidden: boolean) => {
      for (let item = type._start; item !== null; item = item.right) {
        const c = item.content;
        if (c instanceof Y.ContentType) visit(c.type as Y.XmlElement, hidden || item.deleted);
        else if (c instanceof Y.ContentString) {
          for (let i = 0; i < c.str.length; i++) {
            const id = `${item.id.client}:${item.id.clock + i}`;
            all.add(id);
            if (!hidden && !item.deleted) visible.set(id, c.str[i] as string);
          }
        }
      }
    };
    visit(root(this.doc), false);
    return { visible, all };
  }
}
