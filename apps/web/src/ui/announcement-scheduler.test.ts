import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AnnouncementScheduler } from "./announcement-scheduler.ts";

describe("AnnouncementScheduler", () => {
  let said: string[];
  let scheduler: AnnouncementScheduler;
  beforeEach(() => {
    vi.useFakeTimers();
    said = [];
    scheduler = new AnnouncementScheduler((text) => said.push(text));
  });
  afterEach(() => vi.useRealTimers());

  it("says only the last message of a burst, once it has settled", () => {
    scheduler.baseline("save", "Saved to the relay ✓");
    for (let n = 1; n <= 10; n++) {
      scheduler.announce("save", `Offline — ${n} changes waiting`, 2_500);
      vi.advanceTimersByTime(200);
    }
    expect(said).toEqual([]);
    vi.advanceTimersByTime(2_500);
    expect(said).toEqual(["Offline — 10 changes waiting"]);
  });

  it("a state that flickers away and back says nothing", () => {
    scheduler.baseline("save", "Saved to the relay ✓");
    scheduler.announce("save", "Saved on this device · sending…", 2_500);
    vi.advanceTimersByTime(100);
    scheduler.announce("save", "Saved to the relay ✓", 2_500);
    vi.advanceTimersByTime(5_000);
    expect(said).toEqual([]);
  });

  it("never repeats the words last said; says them again after something else", () => {
    scheduler.announce("connection", "You are offline.", 1_000);
    vi.advanceTimersByTime(1_000);
    scheduler.announce("connection", "You are offline.", 1_000);
    vi.advanceTimersByTime(1_000);
    scheduler.announce("connection", "Online.", 1_000);
    vi.advanceTimersByTime(1_000);
    scheduler.announce("connection", "You are offline.", 1_000);
    vi.advanceTimersByTime(1_000);
    expect(said).toEqual(["You are offline.", "Online.", "You are offline."]);
  });

  it("a baseline drops what was pending and is not said", () => {
    scheduler.announce("save", "Opening…", 1_000);
    scheduler.baseline("save", "Saved to the relay ✓");
    vi.advanceTimersByTime(5_000);
    expect(said).toEqual([]);
  });

  it("topics settle independently", () => {
    scheduler.announce("presence Ben", "Ben joined this document", 2_000);
    vi.advanceTimersByTime(1_500);
    scheduler.announce("save", "Offline — 1 change waiting", 2_500);
    vi.advanceTimersByTime(500);
    expect(said).toEqual(["Ben joined this document"]);
    vi.advanceTimersByTime(2_000);
    expect(said).toEqual(["Ben joined this document", "Offline — 1 change waiting"]);
  });
});
