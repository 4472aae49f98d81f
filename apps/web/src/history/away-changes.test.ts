/**
 * "While you were away" counting with real Yjs docs: a device goes offline, writes, others
 * write meanwhile; after the reconnect the count is what others added, never the device's own
 * offline work. The handle is a small event source over a real Y.Doc (the watcher reads only
 * `doc` and the `status` event); the real DocReplica path is covered by
 * e2e/history-panel.test.ts.
 */
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import type { DocHandle } from "@quire/client";
import { createQuireDoc } from "@quire/core";
import { type AwayReport, othersInserted } from "./away-changes.ts";
import { watchAway } from "./away-watch.ts";

function connection(doc: Y.Doc) {
  const listeners = new Set<(e: { status: string }) => void>();
  const handle = {
    doc,
    on: (_type: string, l: (e: { status: string }) => void) => listeners.add(l),
    off: (_type: string, l: (e: { status: string }) => void) => listeners.delete(l),
  } as unknown as DocHandle;
  return {
    handle,
    status: (status: string) => {
      for (const l of listeners) l({ status });
    },
  };
}

describe("watchAway", () => {
  it("counts what others inserted while this device was offline, not its own offline edits", async () => {
    const mine = createQuireDoc();
    const theirs = createQuireDoc();
    theirs.getText("t").insert(0, "shared start");
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
    const { handle, status } = connection(mine);
    const reports: AwayReport[] = [];
    const stop = watchAway(handle, (r) => reports.push(r));
    status("connected");
    status("disconnected");
    mine.getText("t").insert(0, "my offline words "); // 17 units of my own
    theirs.getText("t").insert(12, " and more"); // 9 units by others
    theirs.getText("t").delete(0, 6); // deleted by others: the comparison shows it, not counted
    status("connected");
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs), "relay");
    await vi.waitFor(() => expect(reports.at(-1)?.changes).toBe(9), { timeout: 5_000 });
    expect(reports.at(-1)?.seenBefore.get(theirs.clientID)).toBe(12);
    expect(reports.at(-1)?.seenBefore.get(mine.clientID) ?? 0).toBe(0);
    stop();
  });

  it("says nothing after an offline stretch without own edits, or on the first connection", async () => {
    const mine = createQuireDoc();
    const theirs = createQuireDoc();
    const { handle, status } = connection(mine);
    const onReport = vi.fn();
    watchAway(handle, onReport);
    theirs.getText("t").insert(0, "hello");
    status("connected");
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
    status("disconnected");
    theirs.getText("t").insert(5, " world");
    status("connected");
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
    await new Promise((r) => setTimeout(r, 800));
    expect(onReport).not.toHaveBeenCalled();
  });

  it("counts units others added between two state vectors", () => {
    expect(othersInserted(new Map([[1, 3], [2, 5]]), new Map([[1, 10], [2, 9], [3, 4]]), 1)).toBe(8);
  });
});
