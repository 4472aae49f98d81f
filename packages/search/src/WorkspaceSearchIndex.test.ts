import { describe, expect, it } from "vitest";
import { MAX_INDEXED_CHARS, WorkspaceSearchIndex } from "./WorkspaceSearchIndex.ts";

function marked(text: string, marks: [number, number][]): string {
  let out = "";
  let at = 0;
  for (const [start, end] of marks) {
    out += `${text.slice(at, start)}[${text.slice(start, end)}]`;
    at = end;
  }
  return out + text.slice(at);
}

function sample(): WorkspaceSearchIndex {
  const index = WorkspaceSearchIndex.empty();
  index.upsert({ id: "d1", title: "Rivers of Ghana", blocks: ["The Volta river floods every spring.", "Fishing villages move uphill."], fingerprint: "a" });
  index.upsert({ id: "d2", title: "Photosynthesis", blocks: ["Plants turn light into sugar.", "The river bank grows reeds."], fingerprint: "b" });
  index.upsert({ id: "d3", title: "École et village", blocks: ["Notre école est près de la rivière."], fingerprint: "c" });
  return index;
}

describe("WorkspaceSearchIndex", () => {
  it("ranks a title match first and marks the matched words in the snippet", () => {
    const hits = sample().search("river");
    expect(hits.map((h) => h.id)).toEqual(["d1", "d2"]);
    expect(marked(hits[0]!.snippet.text, hits[0]!.snippet.marks)).toBe("The Volta [river] floods every spring.");
    expect(marked(hits[0]!.title, hits[0]!.titleMarks)).toBe("[Rivers] of Ghana");
    expect(marked(hits[1]!.snippet.text, hits[1]!.snippet.marks)).toBe("The [river] bank grows reeds.");
  });

  it("matches prefixes while typing, ignores case and accents, and needs every word", () => {
    const index = sample();
    expect(index.search("photos").map((h) => h.id)).toEqual(["d2"]);
    expect(index.search("ECOLE").map((h) => h.id)).toEqual(["d3"]);
    expect(index.search("river spring").map((h) => h.id)).toEqual(["d1"]);
    expect(index.search("river sugar").map((h) => h.id)).toEqual(["d2"]);
    expect(index.search("   ")).toEqual([]);
  });

  it("tolerates one typo in a long word but not in a short one", () => {
    const index = sample();
    // "vilages" is one edit from "villages" (d1), two from "village" (d3).
    expect(index.search("vilages").map((h) => h.id)).toEqual(["d1"]);
    expect(index.search("rivar")).not.toEqual([]);
    expect(index.search("sgar")).toEqual([]);
  });

  it("replaces a document on upsert and forgets it on remove", () => {
    const index = sample();
    index.upsert({ id: "d1", title: "Rivers of Ghana", blocks: ["Now about lakes."], fingerprint: "a2" });
    expect(index.search("floods")).toEqual([]);
    expect(index.search("lakes").map((h) => h.id)).toEqual(["d1"]);
    expect(index.fingerprint("d1")).toBe("a2");
    index.remove("d1");
    expect(index.search("lakes")).toEqual([]);
    expect(index.size).toBe(2);
    index.remove("d1"); // twice: nothing happens
    expect(index.ids().sort()).toEqual(["d2", "d3"]);
  });

  it("saves and loads, and refuses what it cannot read instead of throwing", () => {
    const saved = sample().save();
    const loaded = WorkspaceSearchIndex.load(saved);
    expect(loaded?.search("river").map((h) => h.id)).toEqual(["d1", "d2"]);
    expect(loaded?.fingerprint("d3")).toBe("c");
    for (const bad of [undefined, 42, "", "{", "null", JSON.stringify({ format: 999, fingerprints: {}, index: "{}" }), saved.slice(0, saved.length / 2), saved.replace('"a"', "1")]) {
      expect(WorkspaceSearchIndex.load(bad)).toBeNull();
    }
  });

  it("indexes the first MAX_INDEXED_CHARS of a huge document", () => {
    const index = WorkspaceSearchIndex.empty();
    const filler = "lorem ".repeat(MAX_INDEXED_CHARS / 6);
    index.upsert({ id: "big", title: "Big", blocks: [filler, "needle at the end"], fingerprint: "x" });
    expect(index.search("needle")).toEqual([]);
    expect(index.search("lorem").map((h) => h.id)).toEqual(["big"]);
  });
});
