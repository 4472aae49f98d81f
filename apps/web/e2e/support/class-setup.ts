/**
 * @module class-setup
 * A class as the e2e tests of issue 13 need it: the teacher creates the workspace and its
 * documents in her browser (the class's document list is a Yjs doc only the app writes),
 * then sets up groups, the roster and locks through the relay's HTTP API with her token, as
 * the teacher dashboard does. A student signs in with her personal code the way the app
 * stores a membership (`quire.memberships.v1`), since the sign-in screen is another task's.
 */
import type { Relay } from "@quire/testkit";
import type { Student } from "./student.ts";

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes
type Json = Record<string, any>;

export async function callApi(relay: Relay, method: string, path: string, token?: string, body?: unknown): Promise<Json> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${relay.httpUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const data = (await response.json()) as Json;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(data)}`);
  return data;
}

/** The membership the app stored for the workspace open in `student`'s page. */
export async function storedMembership(student: Student): Promise<Json> {
  const raw = await student.page.evaluate(() => localStorage.getItem("quire.memberships.v1"));
  const all = JSON.parse(raw ?? "[]") as Json[];
  const id = new URL(student.page.url()).pathname.split("/")[2];
  const found = all.find((m) => m.workspace.id === id);
  if (!found) throw new Error(`${student.name} has no membership for ${id}`);
  return found;
}

export interface TestClass {
  id: string;
  name: string;
  teacherToken: string;
  /** Teacher HTTP call on this class (`path` after `/api/workspaces/<id>`). */
  as(method: string, path: string, body?: unknown): Promise<Json>;
  group(name: string): Promise<string>;
  /** A roster student in `groupIds`; returns her member id and the membership her code signs in. */
  student(name: string, groupIds: string[]): Promise<{ id: string; membership: Json; code: string }>;
  /** Signs member `id` in once more with her personal code (another device: same member). */
  studentAgain(id: string): Promise<{ membership: Json }>;
}

/** The class of `teacher`'s open workspace. */
export async function classOf(relay: Relay, teacher: Student): Promise<TestClass> {
  const m = await storedMembership(teacher);
  const id = m.workspace.id as string;
  const as = (method: string, path: string, body?: unknown) => callApi(relay, method, `/api/workspaces/${id}${path}`, m.token, body);
  return {
    id,
    name: m.workspace.name,
    teacherToken: m.token,
    as,
    group: async (name) => (await as("POST", "/groups", { name })).group.id,
    student: async (name, groupIds) => {
      const member = (await as("POST", "/members", { name, role: "student", groupIds })).member;
      const membership = await callApi(relay, "POST", "/api/sign-in", undefined, { code: member.signInCode });
      return { id: member.id, membership, code: member.signInCode };
    },
    studentAgain: async (memberId) => {
      const member = ((await as("GET", "/members")).members as Json[]).find((m) => m.id === memberId);
      if (!member?.signInCode) throw new Error(`member ${memberId} has no sign-in code`);
      return { membership: await callApi(relay, "POST", "/api/sign-in", undefined, { code: member.signInCode }) };
    },
  };
}

/** Stores `membership` in `student`'s browser as the app does after a sign-in, and opens the class. */
export async function openAs(student: Student, membership: Json): Promise<void> {
  await student.page.goto("/");
  await student.page.evaluate((m) => localStorage.setItem("quire.memberships.v1", JSON.stringify([m])), membership);
  await student.page.goto(`/w/${membership.workspace.id}`);
  await student.page.locator(".topbar").waitFor();
}

/** The document id of the open document (from the URL). */
export function openDocId(student: Student): string {
  return new URL(student.page.url()).pathname.split("/")[3] as string;
}
