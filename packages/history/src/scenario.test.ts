/**
 * The scripted three-user scenario of issue 12's acceptance: concurrent and offline edits,
 * then exact attribution, diffs, contributions, restore (and restoring again), member revert.
 */
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { attribution } from "./attribution.ts";
import { contributions } from "./contributions.ts";
import { DocHistory } from "./DocHistory.ts";
import { diffVersions } from "./diff.ts";
import { ORIGIN_MAP_NAME } from "./origin-map.ts";
import { restorePlan, revertMemberPlan } from "./restore.ts";
import { sessionsOf } from "./sessions.ts";
import { BOLD, addParagraph, renderPlain, renderRich, textOf } from "./test-support/lexical-v2.ts";
import { RelaySim, T0 } from "./test-support/RelaySim.ts";
import { versionText, versionUpdate } from "./version.ts";

const MIN = 60_000;

function scenario() {
  const relay = new RelaySim();
  const alice = relay.client("u-alice", "Alice", 101);
  const bob = relay.client("u-bob", "Bob", 202);
  const carol = relay.client("u-carol", "Carol", 303);
  addParagraph(alice.doc, 0, "Hello world");
  const s1 = relay.flush(alice); // 1
  relay.wait(MIN);
  relay.goOffline(bob);
  textOf(bob.doc, 0).insert(11, " from Bob");
  addParagraph(carol.doc, 1, "Carol here");
  const s2 = relay.flush(carol); // 2
  textOf(alice.doc, 0).delete(6, 5);
  const s3 = relay.flush(alice); // 3
  textOf(alice.doc, 0).insert(6, "there");
  const s4 = relay.flush(alice); // 4
  relay.wait(20 * MIN);
  const s5 = relay.reconnect(bob); // 5, catch-up
  textOf(carol.doc, 1).format(0, 5, BOLD);
  const s6 = relay.flush(carol); // 6
  return { relay, alice, bob, carol, seqs: [s1, s2, s3, s4, s5, s6] };
}

const history = (relay: RelaySim) => new DocHistory(relay.doc, relay.records, relay.bindings);

describe("three users, concurrent and offline edits", () => {
  it("records one seq per flush and converges", () => {
    const { relay, alice, bob, carol, seqs } = scenario();
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(relay.records[4]?.catchUp).toBe(true);
    for (const c of [alice, bob, carol]) expect(renderPlain(c.doc)).toBe("Hello there from Bob\nCarol here");
  });

  it("renders every version's text, and its update rebuilds that version", () => {
    const { relay } = scenario();
    const h = history(relay);
    const expected = [
      "",
      "Hello world",
      "Hello world\nCarol here",
      "Hello \nCarol here",
      "Hello there\nCarol here",
      "Hello there from Bob\nCarol here",
      "Hello there from Bob\nCarol here",
    ];
    for (let s = 0; s <= 6; s++) {
      expect(versionText(h, s)).toBe(expected[s]);
      const doc = new Y.Doc({ gc: false });
      Y.applyUpdate(doc, versionUpdate(h, s));
      expect(renderPlain(doc)).toBe(expected[s]);
    }
    expect(versionText(h, "current")).toBe(renderPlain(relay.doc));
  });

  it("serves a checkpoint's exact snapshot as a version", () => {
    const relay = new RelaySim();
    const alice = relay.client("u-alice", "Alice", 101);
    addParagraph(alice.doc, 0, "draft one");
    relay.flush(alice);
    const checkpoint = { seq: 1, at: relay.now, snapshot: Y.encodeSnapshot(Y.snapshot(relay.doc)) };
    textOf(alice.doc, 0).delete(0, 6);
    relay.flush(alice);
    const h = history(relay);
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, versionUpdate(h, checkpoint));
    expect(renderPlain(doc)).toBe("draft one");
    expect(versionText(h, checkpoint)).toBe("draft one");
    expect(versionText(h, "current")).toBe("one");
  });

  it("attributes every character exactly", () => {
    const { relay } = scenario();
    const runs = attribution(history(relay));
    expect(runs.map((r) => [r.text, r.author?.name ?? null, r.from])).toEqual([
      ["Hello there", "Alice", 0],
      [" from Bob", "Bob", 11],
      ["\n", null, 20],
      ["Carol here", "Carol", 21],
    ]);
  });

  it("diffs any two versions in document order with authors", () => {
    const { relay } = scenario();
    const h = history(relay);
    const d = diffVersions(h, 1, "current").map((s) => [s.kind, s.text, s.author?.name ?? null, s.by?.name ?? null]);
    expect(d).toEqual([
      ["same", "Hello ", "Alice", null],
      // Yjs places text typed where deleted text was after the deleted text.
      ["deleted", "world", "Alice", "Alice"],
      ["inserted", "there", "Alice", "Alice"],
      ["inserted", " from Bob", "Bob", "Bob"],
      ["inserted", "\n", null, "Carol"],
      ["inserted", "Carol here", "Carol", "Carol"],
    ]);
    const f = diffVersions(h, 5, 6).filter((s) => s.kind !== "same");
    expect(f.map((s) => [s.kind, s.text, s.author?.name, s.by?.name])).toEqual([["formatted", "Carol", "Carol", "Carol"]]);
    // Backwards works too: what 6 → 3 removed and brought back.
    const back = diffVersions(h, 6, 2).filter((s) => s.kind !== "same");
    expect(back.map((s) => [s.kind, s.text, s.author?.name])).toEqual([
      ["inserted", "world", "Alice"],
      ["deleted", "there", "Alice"],
      ["deleted", " from Bob", "Bob"],
      ["formatted", "Carol", "Carol"], // bold at 6, plain at 2: unknown who removed it, so no `by`
    ]);
  });

  it("computes contribution figures and sessions exactly", () => {
    const { relay } = scenario();
    const rows = contributions(history(relay));
    const pick = (name: string) => rows.find((r) => r.name === name);
    expect(pick("Alice")).toMatchObject({ inserted: 16, surviving: 11, deletedByThem: 5, removedByOthers: 0, sessions: 1 });
    expect(pick("Alice")).toMatchObject({ firstEditAt: T0, lastEditAt: T0 + MIN, offlineRecords: 0, pastes: [] });
    expect(pick("Bob")).toMatchObject({ inserted: 9, surviving: 9, deletedByThem: 0, removedByOthers: 0, sessions: 1 });
    expect(pick("Bob")).toMatchObject({ firstEditAt: T0 + 21 * MIN, offlineRecords: 1, offlineInserted: 9 });
    expect(pick("Carol")).toMatchObject({ inserted: 10, surviving: 10, sessions: 2, firstEditAt: T0 + MIN, lastEditAt: T0 + 21 * MIN });
    const doc = sessionsOf(relay.records);
    expect(doc.map((s) => [s.start - T0, s.end - T0, s.records, s.users.map((u) => u.name)])).toEqual([
      [0, MIN, 4, ["Alice", "Carol"]],
      [21 * MIN, 21 * MIN, 2, ["Bob", "Carol"]],
    ]);
  });

  it("records a large paste as a paste event, not typing", () => {
    const { relay, carol } = scenario();
    relay.wait(MIN);
    textOf(carol.doc, 1).insert(10, ` ${"pasted text ".repeat(15)}`);
    relay.flush(carol);
    textOf(carol.doc, 1).insert(0, "typed ");
    relay.flush(carol);
    const c = contributions(history(relay)).find((r) => r.name === "Carol");
    expect(c?.pastes).toEqual([{ seq: 7, at: T0 + 22 * MIN, chars: 181 }]);
  });

  it("restores a version as a new change, keeps history, credits original writers; restoring again undoes it", () => {
    const { relay } = scenario();
    const teacher = relay.client("u-teach", "Teacher", 404);
    const before = renderRich(relay.doc);
    const plan = restorePlan(history(relay), 1, { clientId: teacher.clientId });
    expect(plan.update).not.toBeNull();
    expect(plan).toMatchObject({ restoredChars: 5, deletedChars: 24 });
    const seq = relay.receive(plan.update as Uint8Array, teacher.user);
    expect(seq).toBe(7);
    expect(renderPlain(relay.doc)).toBe("Hello world");
    for (const c of relay.clients) expect(renderPlain(c.doc)).toBe("Hello world");
    const h = history(relay);
    expect(versionText(h, 6)).toBe("Hello there from Bob\nCarol here"); // later work stays in history
    expect(attribution(h).map((r) => [r.text, r.author?.name])).toEqual([["Hello world", "Alice"]]);
    const rows = contributions(h);
    expect(rows.find((r) => r.name === "Teacher")).toMatchObject({ inserted: 0, surviving: 0, deletedByThem: 24 });
    expect(rows.find((r) => r.name === "Alice")).toMatchObject({ inserted: 16, surviving: 11, removedByOthers: 5 });
    expect(rows.find((r) => r.name === "Bob")).toMatchObject({ surviving: 0, removedByOthers: 9 });

    relay.bindings.set(405, teacher.user); // a fresh client id per restore
    const again = restorePlan(h, 6, { clientId: 405 });
    relay.receive(again.update as Uint8Array, teacher.user);
    expect(renderRich(relay.doc)).toBe(before);
    const h2 = history(relay);
    expect(attribution(h2).map((r) => [r.text, r.author?.name ?? null])).toEqual([
      ["Hello there", "Alice"],
      [" from Bob", "Bob"],
      ["\n", null],
      ["Carol here", "Carol"],
    ]);
    expect(restorePlan(h2, "current", { clientId: teacher.clientId }).update).toBeNull();
  });

  it("reverts one member's changes in a time range, leaving everyone else's", () => {
    const { relay } = scenario();
    const teacher = relay.client("u-teach", "Teacher", 404);
    const plan = revertMemberPlan(history(relay), { userId: "u-alice", from: T0 + MIN, to: T0 + 2 * MIN }, { clientId: teacher.clientId });
    relay.receive(plan.update as Uint8Array, teacher.user);
    expect(renderPlain(relay.doc)).toBe("Hello world from Bob\nCarol here");
    expect(attribution(history(relay)).map((r) => [r.text, r.author?.name ?? null])).toEqual([
      ["Hello world", "Alice"],
      [" from Bob", "Bob"],
      ["\n", null],
      ["Carol here", "Carol"],
    ]);
  });

  it("ignores forged credit in the origin map", () => {
    const { relay, bob, carol } = scenario();
    const firstText = (client: number) =>
      relay.doc.store.clients.get(client)?.find((st): st is Y.Item => st instanceof Y.Item && st.content instanceof Y.ContentString);
    addParagraph(bob.doc, 2, "Hello");
    relay.flush(bob);
    const bobHello = relay.doc.store.clients.get(202)?.findLast((st) => st instanceof Y.Item && st.content instanceof Y.ContentString);
    const aliceHello = firstText(101);
    if (!bobHello || !aliceHello) throw new Error("scenario changed");
    // Bob claims Alice's "Hello" is a copy of his identical "Hello" (an entry about someone
    // else's structs), and Carol claims her text copies Bob's (her own structs, other text).
    bob.doc.getMap(ORIGIN_MAP_NAME).set(`101:${aliceHello.id.clock}`, [202, bobHello.id.clock, 5]);
    relay.flush(bob);
    carol.doc.getMap(ORIGIN_MAP_NAME).set(`303:${firstText(303)?.id.clock}`, [202, bobHello.id.clock, 5]);
    relay.flush(carol);
    expect(attribution(history(relay)).map((r) => [r.text, r.author?.name ?? null])).toEqual([
      ["Hello there", "Alice"],
      [" from Bob", "Bob"],
      ["\n", null],
      ["Carol here", "Carol"],
      ["\n", null],
      ["Hello", "Bob"],
    ]);
  });
});
