/**
 * @module class-role
 * Roles of a member of a class (issue 13). A class is a workspace; its members are token
 * `sub`s, and the relay looks their role up on every decision, so the token carries the
 * member, not the permissions. The token's own `role` (editor | viewer) stays for old clients
 * and is derived from the class role with {@link tokenRoleOf}.
 *
 * - `teacher`: reads and writes every document of the class, manages it.
 * - `student`: reads and writes class-wide documents and those of her groups, unless locked.
 * - `commenter`, `viewer`: read class-wide documents and those of their groups; never write.
 */
import type { Role } from "./protocol.ts";

export type ClassRole = "teacher" | "student" | "commenter" | "viewer";
export const CLASS_ROLES: readonly ClassRole[] = ["teacher", "student", "commenter", "viewer"];

/** The token role (what clients from before classes understand) of a class role. */
export function tokenRoleOf(role: ClassRole): Role {
  return role === "teacher" || role === "student" ? "editor" : "viewer";
}
