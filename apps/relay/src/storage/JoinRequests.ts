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
 * - Stored rows are checked where they are read (stored-rows.ts): a stored role or state
 *   outside the known values is refused, never passed on as one.
 */
import type { Db } from "@quire/storage-sqlite";
import type { ClassStore } from "./ClassStore.ts";
import { ClassTable } from "./ClassTable.ts";
import { storedRows } from "./stored-rows.ts";

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

const requestRows = storedRows(
  {
    workspace: "text",
    sub: "text",
    name: "text",
    role: ["editor", "viewer"],
    state: ["waiting", "declined", "admitted"],
    picked_sub: "text?",
    member_sub: "text?",
    created_at: "integer",
    decided_at: "integer?",
  },
  (row): JoinRequest => ({
    workspace: row.workspace,
    sub: row.sub,
    name: row.name,
    role: row.role,
    state: row.state,
    pickedSub: row.picked_sub,
    memberSub: row.member_sub,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  }),
);
const modeRows = storedRows({ mode: ["open", "ask"] });
const countRows = storedRows({ n: "integer" });

export class JoinRequests extends ClassTable {
  private readonly stmts;

  constructor(db: Db, classes: ClassStore) {
    super(db, classes, SCHEMA);
    this.stmts = {
      mode: modeRows<[string]>(db, "SELECT mode FROM class_join_settings WHERE workspace = ?"),
      setMode: db.prepare<[string, string]>("INSERT INTO class_join_settings (workspace, mode) VALUES (?, ?) ON CONFLICT (workspace) DO UPDATE SET mode = excluded.mode"),
      hasRoster: db.prepare<[string, string], { one: number }>(
        "SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM class_groups WHERE workspace = ?) OR EXISTS (SELECT 1 FROM class_members WHERE workspace = ? AND sign_in_code IS NOT NULL AND removed_at IS NULL)",
      ),
      get: requestRows<[string, string]>(db, "SELECT * FROM class_join_requests WHERE workspace = ? AND sub = ?"),
      waiting: requestRows<[string]>(db, "SELECT * FROM class_join_requests WHERE workspace = ? AND state = 'waiting' ORDER BY created_at, sub"),
      countWaiting: countRows<[string]>(db, "SELECT count(*) AS n FROM class_join_requests WHERE workspace = ? AND state = 'waiting'"),
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
    return this.stmts.get.get(workspace, sub) ?? null;
  }

  /** The requests waiting in `workspace`, oldest first. */
  waiting(workspace: string): JoinRequest[] {
    return this.stmts.waiting.all(workspace);
  }

  /** Records a waiting join; false when MAX_WAITING_PER_CLASS already wait. */
  add(workspace: string, sub: string, name: string, role: "editor" | "viewer"): boolean {
    return this.change(workspace, () => {
      if ((this.stmts.countWaiting.get(workspace)?.n ?? 0) >= MAX_WAITING_PER_CLASS) return false;
      this.stmts.insert.run(workspace, sub, name, role, Date.now());
      return true;
    });
  }

  /** She says roster member `pickedSub` is her (null: none of them). False unless still waiting. */
  pick(workspace: string, sub: string, pickedSub: string | null): boolean {
    return this.change(workspace, () => this.stmts.pick.run(pickedSub, workspace, sub).changes > 0);
  }

  /**
   * The teacher's decision: `admitted` as member `memberSub` (her own sub for a new member;
   * the caller records that member in the same transaction via `alsoDo`), or `declined`.
   * False unless the request was still waiting.
   */
  decide(workspace: string, sub: string, state: "admitted" | "declined", memberSub: string | null, alsoDo?: () => void): boolean {
    return this.change(workspace, () => {
      if (this.stmts.decide.run(state, memberSub, Date.now(), workspace, sub).changes === 0) return false;
      alsoDo?.();
      return true;
    });
  }
}
