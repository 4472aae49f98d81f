/**
 * @module JoinRequests
 * Class-code joins that wait for a teacher (issue 13 item 2), in their own tables so they
 * merge beside other work:
 *
 * - `class_join_settings`: per class, `open` (a class code lets students in at once) or `ask`
 *   (the teacher decides). No row: `ask` once the class has a roster — a group or a personal
 *   sign-in code — and `open` before, so a workspace without a roster keeps joining as it
 *   always did.
 * - `class_join_requests`: one row per device that joined with a class code while the class
 *   asked first. Its `sub` (the token's) is no class member: ClassAccess refuses it
 *   everything with `waiting` or `declined`. `picked_sub` is the roster name she says is
 *   hers (a claim the teacher confirms, never trusted alone); `member_sub` the member the
 *   teacher let her in as — her own `sub` (a new student) or a roster member's, whose token
 *   her device then collects (the same member as with her personal code).
 *
 * Invariants:
 * - A decision is final: a declined or let-in request never goes back to waiting.
 * - Every change bumps the class store's generation through `classes.changed`, so a decision
 *   cached in ClassAccess never outlives it (and other relay processes see it in
 *   `class_changes`).
 * - At most MAX_WAITING_PER_CLASS requests wait in one class (a leaked class code must not
 *   flood the teacher's list or the database); further joins are refused until she decides.
 */
import type { Db } from "@quire/storage-sqlite";
import type { ClassStore } from "./ClassStore.ts";

/** Waiting requests per class: five groups of five students joining at once is 25; a leaked code is not. */
export const MAX_WAITING_PER_CLASS = 200;

export type JoinMode = "open" | "ask";
export type JoinState = "waiting" | "declined" | "admitted";

export interface JoinRequest {
  workspace: string;
  sub: string;
  name: string;
  /** The token role the class code gave (`editor` for the student code, `viewer` for the view code). */
  role: "editor" | "viewer";
  state: JoinState;
  pickedSub: string | null;
  memberSub: string | null;
  createdAt: number;
  decidedAt: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS class_join_settings (
  workspace TEXT PRIMARY KEY,
  mode TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS class_join_requests (
  workspace TEXT NOT NULL,
  sub TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  state TEXT NOT NULL,
  picked_sub TEXT,
  member_sub TEXT,
  created_at INTEGER NOT NULL,
  decided_at INTEGER,
  PRIMARY KEY (workspace, sub)
) WITHOUT ROWID;
`;

type Row = {
  workspace: string;
  sub: string;
  name: string;
  role: "editor" | "viewer";
  state: JoinState;
  picked_sub: string | null;
  member_sub: string | null;
  created_at: number;
  decided_at: number | null;
};

export class JoinRequests {
  private readonly stmts;

  constructor(
    private readonly db: Db,
    private readonly classes: ClassStore,
  ) {
    db.exec(SCHEMA);
    this.stmts = {
      mode: db.prepare<[string], { mode: JoinMode }>("SELECT mode FROM class_join_settings WHERE workspace = ?"),
      setMode: db.prepare<[string, string]>("INSERT INTO class_join_settings (workspace, mode) VALUES (?, ?) ON CONFLICT (workspace) DO UPDATE SET mode = excluded.mode"),
      hasRoster: db.prepare<[string, string], { one: number }>(
        "SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM class_groups WHERE workspace = ?) OR EXISTS (SELECT 1 FROM class_members WHERE workspace = ? AND sign_in_code IS NOT NULL AND removed_at IS NULL)",
      ),
      get: db.prepare<[string, string], Row>("SELECT * FROM class_join_requests WHERE workspace = ? AND sub = ?"),
      waiting: db.prepare<[string], Row>("SELECT * FROM class_join_requests WHERE workspace = ? AND state = 'waiting' ORDER BY created_at, sub"),
      countWaiting: db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM class_join_requests WHERE workspace = ? AND state = 'waiting'"),
      insert: db.prepare<[string, string, string, string, number]>(
        "INSERT INTO class_join_requests (workspace, sub, name, role, state, created_at) VALUES (?, ?, ?, ?, 'waiting', ?)",
      ),
      pick: db.prepare<[string | null, string, string]>("UPDATE class_join_requests SET picked_sub = ? WHERE workspace = ? AND sub = ? AND state = 'waiting'"),
      decide: db.prepare<[string, string | null, number, string, string]>(
        "UPDATE class_join_requests SET state = ?, member_sub = ?, decided_at = ? WHERE workspace = ? AND sub = ? AND state = 'waiting'",
      ),
    };
  }

  /** The mode the teacher chose, or null when she never chose (see {@link effectiveMode}). */
  chosenMode(workspace: string): JoinMode | null {
    return this.stmts.mode.get(workspace)?.mode ?? null;
  }

  /** What a class-code join does now: the teacher's choice, else `ask` once there is a roster. */
  effectiveMode(workspace: string): JoinMode {
    return this.chosenMode(workspace) ?? (this.stmts.hasRoster.get(workspace, workspace) ? "ask" : "open");
  }

  setMode(workspace: string, mode: JoinMode): void {
    this.stmts.setMode.run(workspace, mode);
  }

  get(workspace: string, sub: string): JoinRequest | null {
    const row = this.stmts.get.get(workspace, sub);
    return row ? fromRow(row) : null;
  }

  /** The requests waiting in `workspace`, oldest first. */
  waiting(workspace: string): JoinRequest[] {
    return this.stmts.waiting.all(workspace).map(fromRow);
  }

  /** Records a waiting join; false when MAX_WAITING_PER_CLASS already wait. */
  add(workspace: string, sub: string, name: string, role: "editor" | "viewer"): boolean {
    return this.db.transaction(() => {
      if ((this.stmts.countWaiting.get(workspace)?.n ?? 0) >= MAX_WAITING_PER_CLASS) return false;
      this.stmts.insert.run(workspace, sub, name, role, Date.now());
      this.classes.changed(workspace);
      return true;
    })();
  }

  /** She says roster member `pickedSub` is her (null: none of them). False unless still waiting. */
  pick(workspace: string, sub: string, pickedSub: string | null): boolean {
    return this.db.transaction(() => {
      if (this.stmts.pick.run(pickedSub, workspace, sub).changes === 0) return false;
      this.classes.changed(workspace);
      return true;
    })();
  }

  /**
   * The teacher's decision: `admitted` as member `memberSub` (her own sub for a new member;
   * the caller records that member in the same transaction via `alsoDo`), or `declined`.
   * False unless the request was still waiting.
   */
  decide(workspace: string, sub: string, state: "admitted" | "declined", memberSub: string | null, alsoDo?: () => void): boolean {
    return this.db.transaction(() => {
      if (this.stmts.decide.run(state, memberSub, Date.now(), workspace, sub).changes === 0) return false;
      alsoDo?.();
      this.classes.changed(workspace);
      return true;
    })();
  }
}

function fromRow(row: Row): JoinRequest {
  return {
    workspace: row.workspace,
    sub: row.sub,
    name: row.name,
    role: row.role,
    state: row.state,
    pickedSub: row.picked_sub,
    memberSub: row.member_sub,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}
