/**
 * @module fuzz-frames
 * Seeded generators of hostile websocket frames for the wire fuzzer: random bytes, mutated
 * valid messages, truncated varints, huge length prefixes, abusive but well-formed Yjs
 * updates (deep nesting, huge clocks, huge skips and delete ranges, giant keys) and awareness
 * abuse (huge, numerous, or claiming another client's id). Every generator returns bytes that
 * an attacker holding a valid token could send.
 */
import { MessageType } from "@quire/core";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { PRNG } from "lib0/prng";
import * as prng from "lib0/prng";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import {
  ackSubscribeFrame,
  awarenessFrame,
  awarenessUpdateFrame,
  deleteRangeUpdate,
  frame,
  queryAwarenessFrame,
  syncStep1Frame,
  syncStep2Frame,
  updateFrame,
} from "@quire/testkit";
import { randomEdit } from "./random-edits.ts";

export type FrameKind =
  | "random-bytes"
  | "truncated-varint"
  | "huge-length"
  | "mutated-valid"
  | "abusive-yjs"
  | "awareness-abuse"
  | "text-frame";

export interface FuzzFrame {
  kind: FrameKind;
  data: Uint8Array | string;
  /** What the frame is, for a failure report. */
  label: string;
}

const KINDS: readonly FrameKind[] = [
  "random-bytes",
  "truncated-varint",
  "huge-length",
  "mutated-valid",
  "mutated-valid",
  "random-bytes",
  "huge-length",
  "abusive-yjs",
  "awareness-abuse",
  "text-frame",
];

/** Produces frames from a seed; `victimClientId` is another connection's Yjs client id. */
export class FrameFuzzer {
  private readonly valid: Uint8Array[];

  constructor(private readonly rng: PRNG, private readonly victimClientId: number) {
    this.valid = validMessages(rng);
  }

  next(): FuzzFrame {
    const kind = prng.oneOf(this.rng, [...KINDS]);
    switch (kind) {
      case "random-bytes":
        return { kind, label: "random bytes", data: prng.uint8Array(this.rng, prng.int32(this.rng, 0, prng.bool(this.rng) ? 16 : 4096)) };
      case "truncated-varint":
        return this.truncatedVarint();
      case "huge-length":
        return this.hugeLength();
      case "mutated-valid":
        return this.mutated();
      case "abusive-yjs":
        return this.abusiveYjs();
      case "awareness-abuse":
        return this.awarenessAbuse();
      default:
        return { kind: "text-frame", label: "text frame", data: prng.utf16String(this.rng, 64) };
    }
  }

  private truncatedVarint(): FuzzFrame {
    const prefix = prng.oneOf(this.rng, [[], [MessageType.Sync], [MessageType.Sync, 2], [MessageType.Awareness], [MessageType.Quire]]);
    const continuation = new Array<number>(prng.int32(this.rng, 1, 12)).fill(0x80 | prng.int32(this.rng, 0, 0x7f));
    return { kind: "truncated-varint", label: `prefix ${JSON.stringify(prefix)} + ${continuation.length} continuation bytes`, data: Uint8Array.from([...prefix, ...continuation]) };
  }

  private hugeLength(): FuzzFrame {
    const variant = prng.int32(this.rng, 0, 3);
    const huge = prng.oneOf(this.rng, [2 ** 31, 2 ** 32 - 1, 2 ** 40, Number.MAX_SAFE_INTEGER, 8 * 1024 * 1024 + 1]);
    if (variant === 3) {
      // A well-framed update whose first inner count (number of clients) is absurd.
      return { kind: "huge-length", label: `update with ${huge} clients`, data: updateFrame(frame(huge, huge)) };
    }
    // A header whose byte-array length prefix is `huge`, followed by far fewer bytes.
    const header =
      variant === 0 ? frame(MessageType.Sync, prng.int32(this.rng, 0, 2), huge) : variant === 1 ? frame(MessageType.Awareness, huge) : frame(MessageType.Quire, 1, huge);
    const tail = prng.uint8Array(this.rng, prng.int32(this.rng, 0, 32));
    return { kind: "huge-length", label: `variant ${variant} length prefix ${huge}`, data: Uint8Array.from([...header, ...tail]) };
  }

  private mutated(): FuzzFrame {
    const base = prng.oneOf(this.rng, this.valid);
    const bytes = Uint8Array.from(base);
    const how = prng.int32(this.rng, 0, 3);
    if (how === 0 && bytes.length > 1) {
      return { kind: "mutated-valid", label: "truncated valid message", data: bytes.slice(0, prng.int32(this.rng, 1, bytes.length - 1)) };
    }
    if (how === 1) {
      for (let n = prng.int32(this.rng, 1, 4); n > 0; n--) {
        const at = prng.int32(this.rng, 0, bytes.length - 1);
        bytes[at] = (bytes[at] as number) ^ (1 << prng.int32(this.rng, 0, 7));
      }
      return { kind: "mutated-valid", label: "bit-flipped valid message", data: bytes };
    }
    if (how === 2) {
      const at = prng.int32(this.rng, 1, bytes.length);
      const out = new Uint8Array([...bytes.slice(0, at), ...prng.uint8Array(this.rng, prng.int32(this.rng, 1, 8)), ...bytes.slice(at)]);
      return { kind: "mutated-valid", label: "valid message with inserted bytes", data: out };
    }
    const at = prng.int32(this.rng, 0, bytes.length - 1);
    bytes[at] = prng.oneOf(this.rng, [0x00, 0xff, 0x7f, 0x80]);
    return { kind: "mutated-valid", label: "valid message with an overwritten byte", data: bytes };
  }

  private abusiveYjs(): FuzzFrame {
    const variant = prng.int32(this.rng, 0, 5);
    switch (variant) {
      case 0: {
        const depth = prng.int32(this.rng, 500, 3000);
        return syncUpdateFrame(`array nested ${depth} deep`, deepNesting(depth));
      }
      case 1: {
        const clock = prng.oneOf(this.rng, [2 ** 32, 2 ** 40, 2 ** 52]);
        return syncUpdateFrame(`update starting at clock ${clock}`, withClock(smallUpdate(this.rng), clock));
      }
      case 2: {
        const length = prng.oneOf(this.rng, [2 ** 31, 2 ** 40, 2 ** 52]);
        return syncUpdateFrame(`skip struct of length ${length}`, rawUpdate(this.rng, (e) => {
          encoding.writeUint8(e, 10); // Skip
          encoding.writeVarUint(e, length);
        }));
      }
      case 3: {
        const length = prng.oneOf(this.rng, [2 ** 31, 2 ** 40, 2 ** 52]);
        // A client id nobody uses: aimed at a live client this is finding F2 (FINDINGS.md),
        // which future-deletes.test.ts covers on its own.
        const absent = prng.uint32(this.rng, 1, 2 ** 31);
        return syncUpdateFrame(`delete range of ${length} on an absent client`, deleteRangeUpdate(absent, 0, length));
      }
      case 4: {
        const doc = new Y.Doc();
        doc.getMap(`m${"k".repeat(prng.int32(this.rng, 1000, 100_000))}`).set("x".repeat(prng.int32(this.rng, 1, 100_000)), 1);
        const update = Y.encodeStateAsUpdate(doc);
        doc.destroy();
        return syncUpdateFrame("giant root name and key", update);
      }
      default:
        return syncUpdateFrame("2000 formatting attributes", formattingHeavyUpdate(1000));
    }
  }

  private awarenessAbuse(): FuzzFrame {
    const variant = prng.int32(this.rng, 0, 3);
    if (variant === 0) {
      // Claims the victim's client id.
      const data = entriesFrame([[this.victimClientId, 99, JSON.stringify({ user: { name: "impostor" } })]]);
      return { kind: "awareness-abuse", label: "awareness claiming another client's id", data };
    }
    if (variant === 1) {
      const size = prng.int32(this.rng, 65 * 1024, 2 * 1024 * 1024);
      const data = entriesFrame([[prng.uint32(this.rng, 1, 2 ** 31), 1, JSON.stringify({ pad: "p".repeat(size) })]]);
      return { kind: "awareness-abuse", label: `awareness state of ${size} bytes`, data };
    }
    if (variant === 2) {
      const count = prng.int32(this.rng, 1000, 20_000);
      const entries: [number, number, string][] = [];
      for (let i = 0; i < count; i++) entries.push([prng.uint32(this.rng, 1, 2 ** 31), 1, '{"c":1}']);
      return { kind: "awareness-abuse", label: `awareness update with ${count} client ids`, data: entriesFrame(entries) };
    }
    const data = entriesFrame([[prng.uint32(this.rng, 1, 2 ** 31), 1, "{not json"]]);
    return { kind: "awareness-abuse", label: "awareness state that is not JSON", data };
  }
}

/** A handful of well-formed protocol messages for the mutator. */
function validMessages(rng: PRNG): Uint8Array[] {
  const doc = new Y.Doc({ gc: false });
  for (let i = 0; i < 20; i++) randomEdit(doc, rng, `v${i}`);
  const out: Uint8Array[] = [];
  out.push(syncStep1Frame(doc));
  out.push(syncStep2Frame(Y.encodeStateAsUpdate(doc)));
  out.push(syncUpdateFrame("", smallUpdate(rng)).data as Uint8Array);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: "fuzz", color: "#f00" }, cursor: { anchor: 1, head: 2 } });
  out.push(awarenessUpdateFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])));
  awareness.destroy();
  out.push(queryAwarenessFrame());
  out.push(ackSubscribeFrame());
  doc.destroy();
  return out;
}

function smallUpdate(rng: PRNG): Uint8Array {
  const doc = new Y.Doc({ gc: false });
  for (let i = 0; i < 3; i++) randomEdit(doc, rng, `s${i}`);
  doc.getText("t").insert(0, "x"); // never empty: withClock() rewrites the first struct group
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

function deepNesting(depth: number): Uint8Array {
  const doc = new Y.Doc({ gc: false });
  let current = doc.getArray<unknown>("deep");
  doc.transact(() => {
    for (let i = 0; i < depth; i++) {
      const next = new Y.Array<unknown>();
      current.insert(0, [next]);
      current = next;
    }
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Rewrites the first client group's start clock of a V1 update. */
function withClock(update: Uint8Array, clock: number): Uint8Array {
  const d = decoding.createDecoder(update);
  const groups = decoding.readVarUint(d);
  const structs = decoding.readVarUint(d);
  const client = decoding.readVarUint(d);
  decoding.readVarUint(d);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, groups);
  encoding.writeVarUint(e, structs);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  encoding.writeUint8Array(e, update.subarray(d.pos));
  return encoding.toUint8Array(e);
}

/** A V1 update with one client group holding one hand-written struct and an empty delete set. */
function rawUpdate(rng: PRNG, writeStruct: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, prng.uint32(rng, 1, 2 ** 31));
  encoding.writeVarUint(e, 0);
  writeStruct(e);
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

function syncUpdateFrame(label: string, update: Uint8Array): FuzzFrame {
  return { kind: "abusive-yjs", label, data: updateFrame(update) };
}

function entriesFrame(entries: [number, number, string][]): Uint8Array {
  return awarenessFrame(entries.map(([client, clock, state]) => ({ client, clock, state })));
}

/**
 * A small update that is expensive to integrate: `marks` formatting attributes on an empty
 * text plus `marks` more over 50 characters (~66 KB for 1000; Yjs's formatting cleanup makes
 * applying it cost hundreds of milliseconds). Finding F4.
 */
export function formattingHeavyUpdate(marks: number): Uint8Array {
  const doc = new Y.Doc();
  const text = doc.getText("t");
  for (let i = 0; i < marks; i++) text.format(0, 1, { [`a${i}`]: i });
  text.insert(0, "x".repeat(50));
  for (let i = 0; i < marks; i++) text.format(i % 50, 1, { [`b${i}`]: "y".repeat(20) });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
