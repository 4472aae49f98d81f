import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readU32, utf8, writeU32 } from "./bytes.ts";
import { MAGIC } from "./container.ts";
import { readSyncFile } from "./read-sync-file.ts";
import { keyIdOf, publicKeyOf } from "./signature.ts";
import { SyncFileError, type SyncFileErrorCode } from "./SyncFileError.ts";
import { WS, deviceSigner, textDoc, textOf } from "./test-workspace.ts";
import { writeSyncFile } from "./write-sync-file.ts";

const signer = deviceSigner();

function sample(): Uint8Array {
  const a = textDoc(1, "Rivers of the north");
  const b = textDoc(2, "Our survey of the pond");
  return writeSyncFile({
    workspace: { id: WS, name: "Class 5B" },
    signer,
    documents: [
      { name: `${WS}/d1`, state: Y.encodeStateAsUpdate(a) },
      { name: `${WS}/d2`, state: Y.encodeStateAsUpdate(b) },
    ],
    now: 1_700_000_000_000,
  }).file;
}

function refused(file: Uint8Array, code: SyncFileErrorCode, options: Parameters<typeof readSyncFile>[1] = {}): SyncFileError {
  try {
    readSyncFile(file, options);
  } catch (error) {
    expect(error).toBeInstanceOf(SyncFileError);
    expect((error as SyncFileError).code).toBe(code);
    return error as SyncFileError;
  }
  throw new Error(`expected the file to be refused with ${code}`);
}

/** Offsets of the parts, read from the header like the reader does. */
function layout(file: Uint8Array): { manifestAt: number; manifestLength: number; sigAt: number; payloadAt: number } {
  const manifestLength = readU32(file, 12);
  const sigAt = 16 + manifestLength;
  return { manifestAt: 16, manifestLength, sigAt, payloadAt: sigAt + 4 + readU32(file, sigAt) };
}

/** Rewrites the manifest JSON (re-framed, signature left as it was). */
function withManifest(file: Uint8Array, edit: (m: Record<string, unknown>) => void): Uint8Array {
  const { manifestAt, manifestLength, sigAt } = layout(file);
  const manifest = JSON.parse(utf8.decode(file.subarray(manifestAt, manifestAt + manifestLength)));
  edit(manifest);
  const bytes = utf8.encode(JSON.stringify(manifest));
  const out = new Uint8Array(file.length - manifestLength + bytes.length);
  out.set(file.subarray(0, 16));
  writeU32(out, 12, bytes.length);
  out.set(bytes, 16);
  out.set(file.subarray(sigAt), 16 + bytes.length);
  return out;
}

// Every offset of a ~700-byte file: one signature check each (~1 ms alone, 5 s once under a full
// suite on 2 shared cores), hence the 60 s budget of the two exhaustive tests.
describe("readSyncFile", () => {
  it("round-trips: manifest, signer, and updates that rebuild the documents", () => {
    const read = readSyncFile(sample(), { knownKeyIds: [keyIdOf(publicKeyOf(signer.secretKey))], expectedWorkspace: WS });
    expect(read.manifest.workspace).toEqual({ id: WS, name: "Class 5B" });
    expect(read.manifest.createdAt).toBe(1_700_000_000_000);
    expect(read.signedBy).toMatchObject({ kind: "device", name: "Ana's laptop", known: true });
    expect(read.documents.map((d) => [d.name, d.base])).toEqual([
      [`${WS}/d1`, "everything"],
      [`${WS}/d2`, "everything"],
    ]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, read.documents[1]?.update as Uint8Array);
    expect(textOf(doc)).toBe("Our survey of the pond");
  });

  it("reports a signer it does not know as unknown (integrity, not identity)", () => {
    expect(readSyncFile(sample()).signedBy.known).toBe(false);
  });

  it("cuts against the receiver's state vector: only what it lacks", () => {
    const doc = textDoc(1, "Hello");
    const sv = Y.encodeStateVector(doc);
    doc.get("root", Y.XmlText).insert(5, " world");
    const full = Y.encodeStateAsUpdate(doc);
    const { file } = writeSyncFile({ workspace: { id: WS, name: "x" }, signer, documents: [{ name: `${WS}/d1`, state: full, since: sv }] });
    const read = readSyncFile(file);
    const entry = read.documents[0];
    expect(entry?.base).not.toBe("everything");
    expect(entry?.update.length).toBeLessThan(full.length);
    const receiver = textDoc(1, "Hello");
    Y.applyUpdate(receiver, entry?.update as Uint8Array);
    expect(textOf(receiver)).toBe("Hello world");
  });

  it("refuses a file that is not a sync file (a zip, a text file)", () => {
    refused(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), "not-a-sync-file");
    refused(utf8.encode("hello"), "not-a-sync-file");
    refused(new Uint8Array(0), "not-a-sync-file");
  });

  it("refuses every truncation, at every length", () => {
    const file = sample();
    for (let length = MAGIC.length; length < file.length; length++) {
      const error = refused(file.subarray(0, length), "truncated");
      expect(error.message).toMatch(/cut short/);
    }
  }, 60_000);

  it("refuses trailing bytes", () => {
    const file = sample();
    const padded = new Uint8Array(file.length + 1);
    padded.set(file);
    refused(padded, "bad-manifest");
  });

  it("refuses any single flipped byte, wherever it is", () => {
    const file = sample();
    for (let i = 0; i < file.length; i++) {
      const tampered = file.slice();
      tampered[i] = (tampered[i] as number) ^ 0x01;
      expect(() => readSyncFile(tampered), `byte ${i}`).toThrow(SyncFileError);
    }
  }, 60_000);

  it("refuses a payload whose hash does not match, even with the manifest intact", () => {
    const file = sample();
    const tampered = file.slice();
    const at = layout(file).payloadAt + 3;
    tampered[at] = (tampered[at] as number) ^ 0xff;
    refused(tampered, "hash-mismatch");
  });

  it("refuses a manifest edited after signing (a new hash for a forged payload)", () => {
    const forged = withManifest(sample(), (m) => {
      (m.workspace as { name: string }).name = "Another class";
    });
    refused(forged, "bad-signature");
  });

  it("refuses huge declared sizes before reading them", () => {
    const file = sample();
    const big = file.slice();
    writeU32(big, 12, 0xffffffff);
    refused(big, "too-large");
    const bigSig = file.slice();
    writeU32(bigSig, layout(file).sigAt, 0x7fffffff);
    refused(bigSig, "too-large");
    refused(sample(), "too-large", { limits: { maxFileBytes: 100 } });
    const hugeDoc = withManifest(file, (m) => {
      (m.documents as { bytes: number }[])[0]!.bytes = 2 ** 40;
    });
    refused(hugeDoc, "too-large");
  });

  it("refuses an unknown version", () => {
    const file = sample();
    writeU32(file, 8, 2);
    refused(file, "unsupported-version");
  });

  it("refuses a file of another workspace", () => {
    const error = refused(sample(), "wrong-workspace", { expectedWorkspace: "wOther00000" });
    expect(error.message).toContain("Class 5B");
  });

  it("refuses an update that does not decode, though it is signed and hashed", () => {
    const garbage = new Uint8Array([5, 200, 200, 200, 200, 200, 1, 2, 3]);
    const { file } = writeSyncFile({ workspace: { id: WS, name: "x" }, signer, documents: [{ name: `${WS}/d1`, state: garbage }] });
    refused(file, "bad-update");
  });

  it("refuses a document of another workspace and malformed names", () => {
    expect(() =>
      writeSyncFile({ workspace: { id: WS, name: "x" }, signer, documents: [{ name: "wOther/d1", state: new Uint8Array([0, 0]) }] }),
    ).toThrow(TypeError);
    const renamed = withManifest(sample(), (m) => {
      (m.documents as { name: string }[])[0]!.name = "../etc/passwd";
    });
    refused(renamed, "bad-manifest");
  });
});
