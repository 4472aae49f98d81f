/**
 * Seeded randomized scenarios against a brute-force model (test-support/NaiveModel): three
 * students type, delete, format, split and delete blocks, paste, go offline and come back; a
 * teacher restores versions and reverts members. After each scenario every version's text,
 * sampled version updates, attribution of every character, diffs between random pairs of
 * versions and every contribution figure must equal the model's.
 *
 * Runs for ~2 s in the normal suite (new seeds each run, printed on failure) and for
 * QUIRE_HISTORY_SOAK_MS (default 10 min) with QUIRE_SOAK=1. Replay one seed with
 *   QUIRE_HISTORY_SEED=<seed> pnpm -s exec vitest run packages/history/src/random.test.ts
 */
import * as Y from "yjs";
import { mulberry32 } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { attribution } from "./attribution.ts";
import { DEFAULT_LARGE_PASTE_CHARS, contributions } from "./contributions.ts";
import { DocHistory } from "./DocHistory.ts";
import { diffVersions } from "./diff.ts";
import { restorePlan, revertMemberPlan } from "./restore.ts";
import { BOLD, addParagraph, paragraphs, renderPlain, renderRich, root, textOf } from "./test-support/lexical-v2.ts";
import { CODE_BASE, CODE_SPAN, NaiveModel, ownerOf } from "./test-support/NaiveModel.ts";
import { RelaySim, type SimClient } from "./test-support/RelaySim.ts";
import { snapshotAt, versionText, versionUpdate } from "./version.ts";

// This package has no Node types (it runs in browsers too); the test reads its settings portably.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const soak = env.QUIRE_SOAK === "1";
const BUDGET_MS = soak ? Number(env.QUIRE_HISTORY_SOAK_MS ?? 600_000) : 2_000;
const FIXED_SEED = env.QUIRE_HISTORY_SEED;
/** Seeds that once failed stay here as regression tests. */
const REGRESSION_SEEDS: number[] = [
  3402717513, // restore onto text formatted after the version: fails without the format pass
  2204644301, // format items deleted by Yjs's cleanup at the relay, not by any update's delete set
];


const MIN = 60_000;

function runScenario(seed: number, steps: number): void {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const relay = new RelaySim();
  const students = [0, 1, 2].map((u) => relay.client(`u${u}`, `Student ${u}`, 100 + u));
  const teacher = { userId: "teacher", name: "Teacher" };
  const typed = [0, 0, 0];
  const nextTyped = (u: number) => {
    const k = typed[u] as number;
    typed[u] = k + 1;
    return k;
  };
  const nextChars = (u: number, n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += String.fromCodePoint(CODE_BASE + u * CODE_SPAN + (nextTyped(u) % (CODE_SPAN - 1)));
    return s;
  };
  let teacherWriting = false;
  const model = new NaiveModel(relay.doc, (owner) => `u${owner}`, DEFAULT_LARGE_PASTE_CHARS);
  relay.onRecord = (r) => model.onRecord(r, teacherWriting);
  let nextTeacherClient = 900;

  const teacherApplies = (update: Uint8Array | null) => {
    if (!update) return;
    teacherWriting = true;
    relay.receive(update, teacher);
    teacherWriting = false;
  };
  const freshTeacherClient = () => {
    const id = nextTeacherClient++;
    relay.bindings.set(id, teacher);
    return id;
  };

  for (let step = 0; step < steps; step++) {
    const u = int(3);
    const c = students[u] as SimClient;
    const blocks = paragraphs(c.doc).length;
    const roll = rnd();
    if (roll < 0.3 || blocks === 0) {
      if (blocks === 0 || roll < 0.08) addParagraph(c.doc, int(blocks + 1), nextChars(u, 1 + int(6)));
      else {
        const t = textOf(c.doc, int(blocks));
        const n = rnd() < 0.04 ? DEFAULT_LARGE_PASTE_CHARS + int(80) : 1 + int(8);
        t.insert(int(t.length + 1), nextChars(u, n));
      }
    } else if (roll < 0.5) {
      const t = textOf(c.doc, int(blocks));
      if (t.length > 0) {
        const at = int(t.length);
        t.delete(at, 1 + int(Math.min(6, t.length - at)));
      }
    } else if (roll < 0.55) {
      root(c.doc).delete(int(blocks), 1);
    } else if (roll < 0.63) {
      const t = textOf(c.doc, int(blocks));
      if (t.length > 0) {
        const at = int(t.length);
        t.format(at, 1 + int(t.length - at), rnd() < 0.6 ? BOLD : { p: null });
      }
    } else if (roll < 0.68) {
      if (c.online) relay.goOffline(c);
      else relay.reconnect(c);
    } else if (roll < 0.72) {
      relay.wait(rnd() < 0.3 ? 15 * MIN : int(3 * MIN));
    } else if (roll < 0.745 && relay.records.length > 0) {
      const seq = int(relay.records.length + 1);
      const h = new DocHistory(relay.doc, relay.records, relay.bindings);
      teacherApplies(restorePlan(h, seq, { clientId: freshTeacherClient() }).update);
      expect(renderPlain(relay.doc)).toBe(model.texts[seq]);
      expect(renderRich(relay.doc)).toBe(model.rich[seq]);
    } else if (roll < 0.755 && relay.records.length > 0) {
      const h = new DocHistory(relay.doc, relay.records, relay.bindings);
      const from = relay.records[int(relay.records.length)]?.firstAt ?? 0;
      teacherApplies(revertMemberPlan(h, { userId: `u${int(3)}`, from, to: from + int(5 * MIN) }, { clientId: freshTeacherClient() }).update);
    }
    if (rnd() < 0.35) relay.flush(c);
  }
  for (const c of students) {
    if (c.online) relay.flush(c);
    else relay.reconnect(c);
  }
  for (const c of students) expect(renderPlain(c.doc)).toBe(renderPlain(relay.doc));

  model.finish();
  const h = new DocHistory(relay.doc, relay.records, relay.bindings);
  const last = relay.records.length;
  for (let s = 0; s <= last; s++) expect(versionText(h, s), `text at seq ${s}`).toBe(model.texts[s]);
  for (let k = 0; k < 8 && last > 0; k++) {
    const s = int(last + 1);
    const update = versionUpdate(h, s);
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, update);
    expect(renderRich(doc), `update at seq ${s}`).toBe(model.rich[s]);
    // The one-pass encoder against Yjs's own snapshot path, and into a gc'd doc too.
    const oracle = Y.createDocFromSnapshot(relay.doc, snapshotAt(h, s), new Y.Doc());
    expect(doc.get("root-v2", Y.XmlElement).toJSON(), `update at seq ${s} against createDocFromSnapshot`).toBe(oracle.get("root-v2", Y.XmlElement).toJSON());
    const gcDoc = new Y.Doc();
    Y.applyUpdate(gcDoc, update);
    expect(renderRich(gcDoc), `update at seq ${s} into a gc'd doc`).toBe(model.rich[s]);
  }

  const runs = attribution(h);
  expect(runs.map((r) => r.text).join("")).toBe(renderPlain(relay.doc));
  for (const r of runs) {
    if (r.author === null) expect(r.text).toMatch(/^\n+$/);
    else for (const ch of r.text) expect(r.author.userId, `author of ${ch}`).toBe(`u${ownerOf(ch)}`);
  }

  for (let k = 0; k < 5 && last > 0; k++) {
    const a = int(last + 1);
    const b = int(last + 1);
    const d = diffVersions(h, a, b);
    const side = (kind: string) => d.filter((x) => x.kind === "same" || x.kind === "formatted" || x.kind === kind);
    expect(side("deleted").map((x) => x.text).join(""), `diff ${a}→${b} old side`).toBe(model.texts[a]);
    expect(side("inserted").map((x) => x.text).join(""), `diff ${a}→${b} new side`).toBe(model.texts[b]);
    for (const x of d) if (x.author) for (const ch of x.text) expect(x.author.userId).toBe(`u${ownerOf(ch)}`);
  }

  const rows = contributions(h);
  for (const [userId, f] of model.figures) {
    const row = rows.find((r) => r.userId === userId);
    const expected = userId === "teacher" ? { ...f, inserted: 0 } : { ...f, inserted: typed[Number(userId.slice(1))] };
    expect(
      row && {
        inserted: row.inserted,
        surviving: row.surviving,
        deletedByThem: row.deletedByThem,
        removedByOthers: row.removedByOthers,
        offlineRecords: row.offlineRecords,
        offlineInserted: row.offlineInserted,
        pastes: row.pastes.length,
      },
      `figures of ${userId}`,
    ).toEqual(expected);
  }
}

const stepsFor = (seed: number) => 100 + (seed % 300);

function runSeed(seed: number): void {
  const steps = stepsFor(seed);
  try {
    runScenario(seed, steps);
  } catch (e) {
    const replay = `QUIRE_HISTORY_SEED=${seed} pnpm -s exec vitest run packages/history/src/random.test.ts`;
    throw new Error(`history random scenario failed for seed ${seed} (${steps} steps); replay: ${replay}\n${String(e)}`, { cause: e });
  }
}

describe("randomized history scenarios against a brute-force model", () => {
  it("matches the model for every seed tried within the time budget", () => {
    if (FIXED_SEED !== undefined) {
      runSeed(Number(FIXED_SEED));
      return;
    }
    for (const seed of REGRESSION_SEEDS) runSeed(seed);
    const end = Date.now() + BUDGET_MS;
    let runs = 0;
    while (Date.now() < end || runs === 0) {
      const seed = (Math.random() * 2 ** 32) >>> 0;
      runSeed(seed);
      runs++;
    }
  }, BUDGET_MS + 60_000);
});
