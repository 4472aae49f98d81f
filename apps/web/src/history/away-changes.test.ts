/**
 * "While you were away" counting with real Yjs docs: a device goes offline, writes, others
 * write and delete meanwhile; after the reconnect the count is what others did, never the
 * device's own offline work. The handle is a small real event source over a real Y.Doc (the
 * tracker reads only `doc` and the `status` event).
 */
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import type { DocHandle } from "@quire/client";
import { createQuireDoc } from "@quire/core";
import { type AwayReport, deletedUnits, followAwayChanges, othersInserted } from "./away-changes.ts";

function fakeConnection(doc: Y.Doc) {
  const listeners = new Set<(e: { status: string }) => void>();
  const handle = {
    doc,
    on: (_type: string, l: (e: { status: string }) => void) => listeners.add(l),
    off: (_type: string, l: (e: { status: string }) => void) => listeners.delete(l),
  } as unknown as DocHandle;
  return { handle, status: (status: string) => {
      for (const l of listeners) l({ status });
    },
  };
}

describe("followAwayChanges", () => {
  it("counts what others inserted and deleted while this device was offline, not its own offline edits", async () => {
    vi.useFakeTimers();
    try {
      const mine = createQuireDoc();
      const theirs = createQuireDoc();
      theirs.getText("t").insert(0, "shared start");
      Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
      const { handle, status } = fakeConnection(mine);
      const reports: AwayReport[] = [];
      const stop = followAwayChanges(handle, (r) => reports.push(r));
      status("connected");
      status("disconnected");
      mine.getText("t").insert(0, "my offline words "); // 17 units of my own
      theirs.getText("t").insert(12, " and more"); // 9 units by others
      theirs.getText("t").delete(0, 6); // 6 units deleted by others
      status("connected");
      Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs), "relay");
      await vi.advanceTimersByTimeAsync(600);
      expect(reports.at(-1)?.changes).toBe(15);
      expect(reports.at(-1)?.seenBefore.get(theirs.clientID)).toBe(12);
      expect(reports.at(-1)?.seenBefore.get(mine.clientID) ?? 0).toBe(0);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("says nothing after an offline stretch without own edits, or on the first connection", async () => {
    vi.useFakeTimers();
    try {
      const mine = createQuireDoc();
      const theirs = createQuireDoc();
      const { handle, status } = fakeConnection(mine);
      const onReport = vi.fn();
      followAwayChanges(handle, onReport);
      theirs.getText("t").insert(0, "hello");
      status("connected");
      Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
      status("disconnected");
      theirs.getText("t").insert(5, " world");
      status("connected");
      Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
      await vi.advanceTimersByTimeAsync(600);
      expect(onReport).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it("counts units in state vectors and delete sets", () => {
    expect(othersInserted(new Map([[1, 3], [2, 5]]), new Map([[1, 10], [2, 9], [3, 4]]), 1)).toBe(8);
    const d = createQuireDoc();
    d.getText("t").insert(0, "abcdef");
    d.getText("t").delete(1, 3);
    expect(deletedUnits(Y.snapshot(d))).toBe(3);
  });
});
