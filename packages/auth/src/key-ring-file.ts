/**
 * @module key-ring-file
 * The key ring on disk: DATA_DIR/token-keys.json, created on first start, mode 0600 in a
 * 0700 data dir (only the relay's user may read a private key). Writes are atomic (a temp
 * file, then link or rename), so a relay reading the ring while the token CLI rotates it
 * never sees half a file, and two processes creating it at once agree on one ring.
 *
 * {@link KeyRingFile} is the running relay's view: it re-reads the file when it changed, so
 * a key rotated by `token --rotate-key` signs the relay's next token without a restart.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KeyRing } from "./KeyRing.ts";

export const KEY_RING_FILE = "token-keys.json";
const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/** The ring in `dataDir`, or null when there is none yet. Throws on a corrupt file. */
export function readKeyRing(dataDir: string): KeyRing | null {
  const file = join(dataDir, KEY_RING_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    return KeyRing.fromJSON(JSON.parse(text));
  } catch (error) {
    throw new Error(`${file} is corrupt: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The ring in `dataDir`, creating the dir (0700) and a ring with one key (0600) on first use. */
export function loadOrCreateKeyRing(dataDir: string): KeyRing {
  ensurePrivateDir(dataDir);
  const existing = readKeyRing(dataDir);
  if (existing) return existing;
  const temp = writeTemp(dataDir, KeyRing.generate());
  try {
    // link() fails if the file exists: of two processes starting at once, one ring wins.
    linkSync(temp, join(dataDir, KEY_RING_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temp);
  }
  return readKeyRing(dataDir) as KeyRing;
}

/** Adds a new signing key to the ring in `dataDir` (the old one retires) and returns the new ring. */
export function rotateKeyRing(dataDir: string, nowSeconds?: number): KeyRing {
  const ring = loadOrCreateKeyRing(dataDir).rotate(nowSeconds);
  renameSync(writeTemp(dataDir, ring), join(dataDir, KEY_RING_FILE));
  return ring;
}

/** A running relay's key ring, re-read whenever the file changes on disk. */
export class KeyRingFile {
  private ring: KeyRing;
  private stamp: string;

  constructor(private readonly dataDir: string) {
    this.ring = loadOrCreateKeyRing(dataDir);
    this.stamp = this.fileStamp();
  }

  /** The ring as on disk now (one stat per call; a re-read only after a change). */
  current(): KeyRing {
    const stamp = this.fileStamp();
    if (stamp !== this.stamp) {
      const ring = readKeyRing(this.dataDir);
      // A deleted file keeps the ring in memory: tokens keep working until the next start.
      if (ring) this.ring = ring;
      this.stamp = stamp;
    }
    return this.ring;
  }

  private fileStamp(): string {
    try {
      const s = statSync(join(this.dataDir, KEY_RING_FILE));
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return "missing";
    }
  }
}

function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

function writeTemp(dataDir: string, ring: KeyRing): string {
  const temp = join(dataDir, `.${KEY_RING_FILE}.${randomBytes(6).toString("hex")}.tmp`);
  writeFileSync(temp, `${JSON.stringify(ring.toJSON(), null, 2)}\n`, { mode: PRIVATE_FILE_MODE, flag: "wx" });
  chmodSync(temp, PRIVATE_FILE_MODE);
  return temp;
}
