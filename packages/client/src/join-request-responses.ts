/**
 * @module join-request-responses
 * The relay's list of class-code joins waiting for a teacher (issue 13, docs/protocol.md
 * "Waiting to join"), checked before the dashboard shows it: types, bounded list and strings.
 */
import { responseChecks } from "./response-checks.ts";

export type JoinMode = "open" | "ask";

export interface JoinRequest {
  /** Her waiting id (the token `sub` of the device that joined). */
  id: string;
  /** The name she typed when joining. */
  name: string;
  /** The code she joined with: `editor` (students' code) or `viewer`. */
  role: "editor" | "viewer";
  createdAt: number;
  /** The roster member she says she is (the teacher confirms), or null. */
  picked: { id: string; name: string } | null;
}

export interface JoinRequests {
  /** What a class-code join does now. */
  mode: JoinMode;
  /** False while the teacher never chose (then: `ask` once the class has a roster). */
  chosen: boolean;
  requests: JoinRequest[];
}

/** Far above a class, at the relay's own bound (200 waiting). */
const MAX_REQUESTS = 1_000;
const MAX_STRING = 200;

const { bad, object, list } = responseChecks("join requests");

function text(v: unknown, what: string): string {
  if (typeof v !== "string" || v.length === 0 || v.length > MAX_STRING) throw bad(`${what} is not a string of 1–${MAX_STRING}`);
  return v;
}

/** `GET /api/workspaces/<id>/join-requests`; throws a TypeError when malformed. */
export function parseJoinRequests(v: unknown): JoinRequests {
  const o = object(v, "answer");
  if (o.mode !== "open" && o.mode !== "ask") throw bad("mode is not open or ask");
  if (typeof o.chosen !== "boolean") throw bad("chosen is not a boolean");
  const requests = list(o.requests, MAX_REQUESTS, "requests").map((item, i): JoinRequest => {
    const r = object(item, `requests[${i}]`);
    if (r.role !== "editor" && r.role !== "viewer") throw bad(`requests[${i}].role is not editor or viewer`);
    if (typeof r.createdAt !== "number" || !Number.isSafeInteger(r.createdAt)) throw bad(`requests[${i}].createdAt is not a time`);
    let picked: JoinRequest["picked"] = null;
    if (r.picked !== null && r.picked !== undefined) {
      const p = object(r.picked, `requests[${i}].picked`);
      picked = { id: text(p.id, `requests[${i}].picked.id`), name: text(p.name, `requests[${i}].picked.name`) };
    }
    return { id: text(r.id, `requests[${i}].id`), name: text(r.name, `requests[${i}].name`), role: r.role, createdAt: r.createdAt, picked };
  });
  return { mode: o.mode, chosen: o.chosen, requests };
}
