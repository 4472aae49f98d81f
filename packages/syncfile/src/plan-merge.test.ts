import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createRandom, planSeeds, replayCommand, withReplay } from "@quire/testkit";
import * as prng from "lib0/prng";
import { createQuireDoc } from "@quire/core";
import { planDocumentMerge } from "./plan-merge.ts";
import { planImport } from "./plan-import.ts";
import { readSyncFile } from "./read-sync-file.ts";
import { WS, deviceSigner, textDoc, textOf } from "./test-workspace.ts";
import { writeSyncFile } from "./write-sync-file.ts";

const signer = deviceSigner();
const NAME = `${WS}/d1`;

function fileOf(doc: Y.Doc, since?: Uint8Array): Uint8Array {
  return writeSyncFile({
    workspace: { id: WS, name: "Class" },
    signer,
    documents: [{ name: NAME, state: Y.encodeStateAsUpdate(doc), ...(since ? { since } : {}) }],
  }).file;
}

/** Imports `file` into the receiver held as one update; returns the new state and the change. */
async function importInto(receiver: Uint8Array | null, file: Uint8Array) {
  const plan = await planImport(readSyncFile(file, { expectedWorkspace: WS }), async () => receiver);
  const change = plan.documents[0]!;
  const next = change.update ? (receiver ? Y.mergeUpdates([receiver, change.update]) : change.update) : receiver;
  return { next, change };
}

function textFromUpdate(update: Uint8Array | null): string {
  const doc = createQuireDoc();
  if (update) Y.applyUpdate(doc, update);
  return textOf(doc);
}

describe("planDocumentMerge", () => {
  it("reports new characters, deleted characters and no change", () => {
    const source = textDoc(1, "Hello");
    const first = planDocumentMerge(NAME, null, Y.encodeStateAsUpdate(source));
    expect(first).toMatchObject({ status: "new", insertedCharacters: 5, deletedCharacters: 0, waitingForEarlierChanges: false });
    expect(first.inserts).toEqual([{ client: 1, clock: 0, len: 5 }]);
    const receiver = Y.encodeStateAsUpdate(source);
    source.get("root", Y.XmlText).delete(0, 2);
    source.get("root", Y.XmlText).insert(3, " there");
    const second = planDocumentMerge(NAME, receiver, Y.encodeStateAsUpdate(source));
    expect(second).toMatchObject({ status: "changed", insertedCharacters: 6, deletedCharacters: 2 });
    expect(second.deletes).toEqual([{ client: 1, clock: 0, len: 2 }]);
    const again = planDocumentMerge(NAME, Y.mergeUpdates([receiver, second.update!]), Y.encodeStateAsUpdate(source));
    expect(again).toMatchObject({ status: "unchanged", insertedCharacters: 0, deletedCharacters: 0, update: null });
  });

  it("holds a file cut against changes the receiver lacks, and completes when they arrive", async () => {
    const source = textDoc(1, "one");
    const a = fileOf(source);
    const sv = Y.encodeStateVector(source);
    source.get("root", Y.XmlText).insert(3, " two");
    const b = fileOf(source, sv);
    const early = await importInto(null, b);
    expect(early.change.waitingForEarlierChanges).toBe(true);
    expect(textFromUpdate(early.next)).toBe("");
    const twice = await importInto(early.next, b);
    expect(twice.change.status).toBe("unchanged");
    const done = await importInto(twice.next, a);
    expect(done.change.waitingForEarlierChanges).toBe(false);
    expect(textFromUpdate(done.next)).toBe("one two");
  });

  it("testRepeatRandomOrder: files imported in any order, any number of times, converge and report no change once covered", async () => {
    const plan = planSeeds(8, 41_000);
    for (const seed of plan.seeds) {
      await withReplay(seed, replayCommand("core", "packages/syncfile/src/plan-merge.test.ts", seed), async () => {
        const rng = createRandom(seed);
        // Two writers edit concurrently; after each round one cuts a file (incremental or everything).
        const writers = [textDoc(1, ""), textDoc(2, "")];
        const files: Uint8Array[] = [];
        const lastSv = new Map<number, Uint8Array>();
        for (let round = 0; round < 8; round++) {
          const w = prng.int32(rng, 0, 1);
          const doc = writers[w]!;
          const text = doc.get("root", Y.XmlText);
          for (let op = prng.int32(rng, 1, 5); op > 0; op--) {
            if (text.length > 0 && prng.bool(rng)) {
              const at = prng.int32(rng, 0, text.length - 1);
              text.delete(at, Math.min(prng.int32(rng, 1, 4), text.length - at));
            } else {
              text.insert(prng.int32(rng, 0, text.length), prng.word(rng, 1, 6));
            }
          }
          const since = prng.bool(rng) ? lastSv.get(w) : undefined;
          files.push(fileOf(doc, since));
          lastSv.set(w, Y.encodeStateVector(doc));
          if (prng.int32(rng, 0, 3) === 0) Y.applyUpdate(writers[1 - w]!, Y.encodeStateAsUpdate(doc)); // they meet
        }
        const expected = createQuireDoc();
        for (const w of writers) Y.applyUpdate(expected, Y.encodeStateAsUpdate(w));
        // Every file at least once, some twice, in a random order.
        const order = [...files, ...files.filter(() => prng.bool(rng))];
        for (let i = order.length - 1; i > 0; i--) {
          const j = prng.int32(rng, 0, i);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        let receiver: Uint8Array | null = null;
        for (const file of order) receiver = (await importInto(receiver, file)).next;
        expect(textFromUpdate(receiver)).toBe(textOf(expected));
        // Once everything is in, every file again changes nothing.
        for (const file of files) expect((await importInto(receiver, file)).change.status).toBe("unchanged");
      });
    }
  }, 60_000);
});
