import { describe, expect, it } from "vitest";
import { SyncedDocs } from "./SyncedDocs.ts";
import { TOUCH_INTERVAL_MS } from "./WorkspaceIndex.ts";

const MARGIN = 2_000;
const FULL_WALK = 15 * 60_000;
const EDITED = 1_000_000;
const LATE = EDITED + TOUCH_INTERVAL_MS + MARGIN + 1;

describe("SyncedDocs", () => {
  it("skips a doc only after a sync that ended a touch interval past its unchanged entry", () => {
    const docs = new SyncedDocs(MARGIN, FULL_WALK);
    expect(docs.unchanged("d1", EDITED)).toBe(false); // never synced
    docs.synced("d1", docs.begin("d1"), EDITED, EDITED + TOUCH_INTERVAL_MS); // too soon after the edit
    expect(docs.unchanged("d1", EDITED)).toBe(false);
    docs.synced("d1", docs.begin("d1"), EDITED, LATE);
    expect(docs.unchanged("d1", EDITED)).toBe(true);
    expect(docs.unchanged("d1", EDITED + 5)).toBe(false); // someone touched it since
    expect(docs.unchanged("d1", undefined)).toBe(false);
  });

  it("never skips a doc touched on this device, even by a sync that began before the touch", () => {
    const docs = new SyncedDocs(MARGIN, FULL_WALK);
    docs.synced("d1", docs.begin("d1"), EDITED, LATE);
    docs.touched("d1");
    expect(docs.unchanged("d1", EDITED)).toBe(false);
    const began = docs.begin("d1");
    docs.touched("d1"); // the editor opened it while the background sync ran
    docs.synced("d1", began, EDITED, LATE);
    expect(docs.unchanged("d1", EDITED)).toBe(false);
  });

  it("walks every doc when the last full walk is older than its interval, however unchanged they look", () => {
    const docs = new SyncedDocs(MARGIN, FULL_WALK);
    docs.synced("d1", docs.begin("d1"), EDITED, LATE);
    docs.synced("d2", docs.begin("d2"), EDITED, LATE);
    const entry = () => EDITED;
    expect(docs.toWalk(["d1", "d2", "d3"], entry, LATE)).toEqual(["d1", "d2", "d3"]); // the first walk is full
    expect(docs.toWalk(["d1", "d2", "d3"], entry, LATE + 1_000)).toEqual(["d3"]);
    expect(docs.toWalk(["d1", "d2", "d3"], entry, LATE + FULL_WALK - 1)).toEqual(["d3"]);
    expect(docs.toWalk(["d1", "d2", "d3"], entry, LATE + FULL_WALK)).toEqual(["d1", "d2", "d3"]);
    expect(docs.toWalk(["d1", "d2", "d3"], entry, LATE + FULL_WALK + 1_000)).toEqual(["d3"]);
  });
});
