/**
 * Finding F4 (FINDINGS.md), found by the wire fuzzer (seed 31337, after F1–F3 were fixed):
 * updates that are small on the wire but slow to integrate (thousands of formatting marks,
 * ~66 KB, ~300 ms each to apply) are accepted and stored. A handful of them push the doc's
 * load time past the relay's load budget, so after the next restart or unload the doc is
 * refused with 4500 "loading it took too long" on every attempt: one editor makes a class's
 * document permanently unavailable.
 */
import { CloseCode } from "@quire/core";
import { updateFrame, useRelay, WireClient } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { formattingHeavyUpdate } from "./harness/fuzz-frames.ts";
import { sleep } from "./scenarios/convergence.ts";

const relay = useRelay();

describe("expensive-to-integrate updates (F4)", () => {
  it("ten formatting-heavy updates cannot make a document unloadable", async () => {
    const docName = "regress-f4/doc";
    const token = relay.token({ doc: docName, role: "editor" });
    const honest = new WireClient({ syncUrl: relay.syncUrl, docName, token });
    const hostile = new WireClient({ syncUrl: relay.syncUrl, docName, token });
    try {
      await honest.connect();
      await hostile.connect();
      await honest.waitSynced();
      await hostile.waitSynced();
      honest.doc.get("root", Y.XmlText).insert(0, "a term's worth of group work");
      for (let i = 0; i < 10 && hostile.online; i++) {
        hostile.sendRaw(updateFrame(formattingHeavyUpdate(1000)));
        await sleep(50);
      }
      await sleep(1_000);
      // Fixed by refusing updates over MAX_FORMAT_MARKS_PER_UPDATE before integrating them.
      expect(hostile.closes[0]?.code).toBe(CloseCode.BadMessage);
      expect(honest.closes).toEqual([]);
      await honest.disconnect();
      await hostile.disconnect();
      await relay.restart();
      const reader = new WireClient({ syncUrl: relay.syncUrl, docName, token });
      try {
        await reader.connect();
        await reader.waitSynced(30_000);
        expect(reader.closes.filter((c) => c.code === CloseCode.DocUnavailable)).toEqual([]);
        expect(reader.doc.get("root", Y.XmlText).toString()).toContain("a term's worth of group work");
      } finally {
        reader.destroy();
      }
    } finally {
      honest.destroy();
      hostile.destroy();
    }
  });
});
