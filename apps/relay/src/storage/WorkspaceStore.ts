/**
 * @module WorkspaceStore
 * Workspaces and their join codes. A join code is 8 characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L), shown as `XXXX-XXXX`: 31^8 ≈ 8.5e11 codes, so guessing is
 * hopeless under the API rate limit.
 */
import { randomInt } from "node:crypto";
import type { Db } from "@quire/storage-sqlite";

export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export interface WorkspaceRecord {
  id: string;
  name: string;
  createdAt: number;
  ownerSub: string;
  editorCode: string;
  viewerCode: string;
}

type Row = { id: string; name: string; created_at: number; owner_sub: string; editor_code: string; viewer_code: string };

function randomString(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** `w` + 10 chars [a-z0-9]. */
export function newWorkspaceId(): string {
  return `w${randomString(ID_ALPHABET, 10)}`;
}

/** `ABCD-EFGH` → `ABCDEFGH`; accepts any case, with or without the dash or spaces. */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

/** `ABCDEFGH` → `ABCD-EFGH`. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export class WorkspaceStore {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byCodeStmt;
  private readonly rotateStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, string, number, string, string, string]>(
      "INSERT INTO workspaces (id, name, created_at, owner_sub, editor_code, viewer_code) VALUES (?, ?, ?, ?, ?, ?)",
    );
    this.byIdStmt = db.prepare<[string], Row>("SELECT * FROM workspaces WHERE id = ?");
    this.byCodeStmt = db.prepare<[string, string], Row>("SELECT * FROM workspaces WHERE editor_code = ? OR viewer_code = ?");
    this.rotateStmt = db.prepare<[string, string, string]>("UPDATE workspaces SET editor_code = ?, viewer_code = ? WHERE id = ?");
  }

  /**
   * Creates a workspace with new join codes. `id` is the one a device chose offline (see
   * WorkspaceRegistrations, which checks it is free first); otherwise a new random one.
   */
  create(name: string, ownerSub: string, id?: string): WorkspaceRecord {
    // Collisions are astronomically unlikely; retry a few times rather than assume.
    for (let attempt = 0; ; attempt++) {
      const record: WorkspaceRecord = {
        id: id ?? newWorkspaceId(),
        name,
        createdAt: Date.now(),
        ownerSub,
        editorCode: randomString(JOIN_CODE_ALPHABET, 8),
        viewerCode: randomString(JOIN_CODE_ALPHABET, 8),
      };
      try {
        this.insertStmt.run(record.id, record.name, record.createdAt, record.ownerSub, record.editorCode, record.viewerCode);
        return record;
      } catch (error) {
        if (attempt >= 3 || (error as { code?: string }).code !== "SQLITE_CONSTRAINT_UNIQUE") throw error;
      }
    }
  }

  get(id: string): WorkspaceRecord | null {
    const row = this.byIdStmt.get(id);
    return row ? fromRow(row) : null;
  }

  /**
   * Replaces both join codes with new random ones (security finding S6: a removed member could
   * rejoin with the old code for ever). The old codes stop working at once; members who
   * already joined keep their tokens. Null when there is no such workspace.
   */
  rotateCodes(id: string): WorkspaceRecord | null {
    for (let attempt = 0; ; attempt++) {
      try {
        const changed = this.rotateStmt.run(randomString(JOIN_CODE_ALPHABET, 8), randomString(JOIN_CODE_ALPHABET, 8), id).changes;
        return changed === 0 ? null : this.get(id);
      } catch (error) {
        if (attempt >= 3 || (error as { code?: string }).code !== "SQLITE_CONSTRAINT_UNIQUE") throw error;
      }
    }
  }

  /** Finds the workspace and role a join code grants. */
  findByCode(input: string): { workspace: WorkspaceRecord; role: "editor" | "viewer" } | null {
    const code = normalizeJoinCode(input);
    if (code.length !== 8) return null;
    const row = this.byCodeStmt.get(code, code);
    if (!row) return null;
    return { workspace: fromRow(row), role: row.editor_code === code ? "editor" : "viewer" };
  }
}

function fromRow(row: Row): WorkspaceRecord {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    ownerSub: row.owner_sub,
    editorCode: row.editor_code,
    viewerCode: row.viewer_code,
  };
}
