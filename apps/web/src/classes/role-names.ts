/**
 * @module role-names
 * The class roles in the order a teacher picks them, with their catalog keys.
 */
import type { ClassRole } from "@quire/core";
import type { TranslationKey } from "../i18n/translator.ts";

export const ROLE_KEYS: readonly (readonly [ClassRole, TranslationKey])[] = [
  ["student", "class.roles.student"],
  ["teacher", "class.roles.teacher"],
  ["commenter", "class.roles.commenter"],
  ["viewer", "class.roles.viewer"],
];
