/**
 * A class set up through the relay's HTTP API, as a teacher would: create it, add groups and
 * roster members, sign students in with their personal codes. Shared by the class tests.
 */
import type { Relay } from "@quire/testkit";

/** JSON as the tests read it: deep property access on API responses. */
// biome-ignore lint/suspicious/noExplicitAny: the tests assert on arbitrary response shapes
export type Json = Record<string, any>;

export interface ApiResult {
  status: number;
  body: Json;
}

export async function api(relay: Relay, method: string, path: string, token?: string, body?: unknown): Promise<ApiResult> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${relay.httpUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

export function claimsOf(token: string): Json {
  return JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString()) as Json;
}

export interface TestClass {
  id: string;
  teacher: string;
  teacherId: string;
  joinCodes: { editor: string; viewer: string };
  /** POST/PATCH/GET/DELETE as the teacher; throws unless the status is 2xx. */
  as(method: string, path: string, body?: unknown): Promise<Json>;
  group(name: string): Promise<string>;
  /** A roster member; returns her id and personal sign-in code. */
  member(name: string, role: string, groupIds?: string[]): Promise<{ id: string; code: string }>;
  /** Signs in with a personal code; returns the token. */
  signIn(code: string): Promise<string>;
  /** Places `docId` in a group (or the class: null) and/or locks it. */
  place(docId: string, change: Json): Promise<Json>;
  doc(docId: string): string;
}

export async function createClass(relay: Relay, name = "Class 7B"): Promise<TestClass> {
  const created = await api(relay, "POST", "/api/workspaces", undefined, { workspaceName: name, userName: "Ms Teacher" });
  if (created.status !== 201) throw new Error(`create class: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.workspace.id as string;
  const teacher = created.body.token as string;
  const as = async (method: string, path: string, body?: unknown) => {
    const r = await api(relay, method, path, teacher, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return {
    id,
    teacher,
    teacherId: created.body.user.id,
    joinCodes: created.body.joinCodes,
    as,
    group: async (groupName) => (await as("POST", `/api/workspaces/${id}/groups`, { name: groupName })).group.id,
    member: async (memberName, role, groupIds) => {
      const m = (await as("POST", `/api/workspaces/${id}/members`, { name: memberName, role, ...(groupIds ? { groupIds } : {}) })).member;
      return { id: m.id, code: m.signInCode };
    },
    signIn: async (code) => {
      const r = await api(relay, "POST", "/api/sign-in", undefined, { code });
      if (r.status !== 200) throw new Error(`sign-in: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
    place: (docId, change) => as("PATCH", `/api/workspaces/${id}/documents/${docId}`, change),
    doc: (docId) => `${id}/${docId}`,
  };
}

export function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([promise, new Promise<T>((r) => setTimeout(() => r(fallback), ms))]);
}
