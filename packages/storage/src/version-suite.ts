/**
 * @module version-suite
 * The versions part of the storage port's conformance suite (issue 12, item 2), run by
 * `runStoragePortSuite`: named versions, hand-ins and restores are stored with the seq of the
 * newest provenance record, listed oldest first, and a hand-in can never be renamed or deleted.
 */
import { expect, it } from "vitest";
import * as Y from "yjs";
import type { StoragePort } from "./StoragePort.ts";
import type { NewVersion } from "./versions.ts";

declare const setImmediate: (callback: () => void) => unknown;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function version(over: Partial<NewVersion> = {}): NewVersion {
  const doc = new Y.Doc({ gc: false });
  doc.clientID = 42;
  doc.getText("t").insert(0, "draft");
  return { kind: "named", name: "First draft", at: 5_000, userId: "ann", userName: "Ann", snapshot: Y.encodeSnapshot(Y.snapshot(doc)), ...over };
}

export function runVersionConformance(withPort: <T>(run: (port: StoragePort) => Promise<T>) => Promise<T>): void {
  it("versions: stored with the newest record's seq, listed oldest first, renamed and deleted", () =>
    withPort(async (port) => {
      const doc = "w1/v";
      expect(await port.versions(doc)).toEqual([]);
      const listener = { committed: () => {}, failed: () => {} };
      port.stage(doc, new Uint8Array([0, 0]), { userId: "ann", name: "Ann", at: 1_000, inserts: [{ client: 1, clock: 0, len: 1 }], deletes: [] }, listener);
      await nextTurn();
      const first = await port.addVersion(doc, version());
      expect(first.seq).toBe(1);
      expect(first.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      const second = await port.addVersion(doc, version({ kind: "restore", name: "Restored First draft", at: 6_000 }));
      expect(second.id).not.toBe(first.id);
      const listed = await port.versions(doc);
      expect(listed.map((v) => [v.id, v.kind, v.name, v.at, v.seq, v.userId, v.userName, v.contentHash])).toEqual([
        [first.id, "named", "First draft", 5_000, 1, "ann", "Ann", null],
        [second.id, "restore", "Restored First draft", 6_000, 1, "ann", "Ann", null],
      ]);
      expect([...(listed[0]?.snapshot ?? [])]).toEqual([...version().snapshot]);
      expect(await port.versions("w1/other")).toEqual([]);
      expect(await port.renameVersion(doc, first.id, "Draft 1")).toBe("done");
      expect((await port.versions(doc))[0]?.name).toBe("Draft 1");
      expect(await port.deleteVersion(doc, second.id)).toBe("done");
      expect((await port.versions(doc)).map((v) => v.id)).toEqual([first.id]);
      expect(await port.renameVersion(doc, "nope", "x")).toBe("not_found");
      expect(await port.deleteVersion("w1/other", first.id)).toBe("not_found");
      expect(await port.handInUpdate(doc, first.id)).toBeNull();
    }));

  it("a hand-in keeps its update byte for byte and can never be renamed or deleted", () =>
    withPort(async (port) => {
      const doc = "w1/h";
      const update = new Uint8Array([1, 2, 3, 4, 5]);
      const handIn = await port.addVersion(doc, version({ kind: "handin", name: "Essay", update, contentHash: "ab".repeat(32) }));
      expect(handIn.contentHash).toBe("ab".repeat(32));
      expect(await port.renameVersion(doc, handIn.id, "Changed")).toBe("locked");
      expect(await port.deleteVersion(doc, handIn.id)).toBe("locked");
      const [stored] = await port.versions(doc);
      expect([stored?.kind, stored?.name, stored?.contentHash]).toEqual(["handin", "Essay", "ab".repeat(32)]);
      expect([...((await port.handInUpdate(doc, handIn.id)) ?? [])]).toEqual([1, 2, 3, 4, 5]);
    }));
}
