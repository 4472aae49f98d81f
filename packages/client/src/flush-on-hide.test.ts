import { describe, expect, it } from "vitest";
import { listenForPageHide } from "./flush-on-hide.ts";

/** A document stand-in built on Node's real EventTarget, with a settable visibility. */
class Visibility extends EventTarget {
  visibilityState: DocumentVisibilityState = "visible";
  become(state: DocumentVisibilityState): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event("visibilitychange"));
  }
}

describe("listenForPageHide", () => {
  it("flushes on pagehide and when the document turns hidden, not when it turns visible", () => {
    const page = new EventTarget();
    const visibility = new Visibility();
    let flushes = 0;
    listenForPageHide(page, visibility, () => flushes++);
    visibility.become("hidden");
    expect(flushes).toBe(1);
    visibility.become("visible");
    expect(flushes).toBe(1);
    page.dispatchEvent(new Event("pagehide"));
    expect(flushes).toBe(2);
  });

  it("still flushes on pagehide where there is no document (a worker)", () => {
    const page = new EventTarget();
    let flushes = 0;
    listenForPageHide(page, undefined, () => flushes++);
    page.dispatchEvent(new Event("pagehide"));
    expect(flushes).toBe(1);
  });
});
