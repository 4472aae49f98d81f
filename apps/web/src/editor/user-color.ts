/**
 * @module user-color
 * Each person gets a stable colour from their user id, so their cursor and avatar look the
 * same on every device without storing anything.
 */

// Each colour carries white initials and name labels at 4.5:1 or more (WCAG 1.4.3; checked in
// user-color.test.ts): #2f9e44, #e8590c, #0c8599 and #d9480f measured 3.4–4.35 and were darkened.
const PALETTE = [
  ["#e03131", "#ffe3e3"],
  ["#237a35", "#d3f9d8"],
  ["#1971c2", "#d0ebff"],
  ["#c2410c", "#ffe8cc"],
  ["#9c36b5", "#f3d9fa"],
  ["#0b7285", "#c5f6fa"],
  ["#c2255c", "#ffdeeb"],
  ["#5f3dc4", "#e5dbff"],
  ["#087f5b", "#c3fae8"],
  ["#a84300", "#fff4e6"],
  ["#364fc7", "#dbe4ff"],
  ["#a61e4d", "#fcc2d7"],
] as const;

export interface UserColor {
  color: string;
  colorLight: string;
}

/** Deterministic colour pair for `userId`. */
export function userColor(userId: string): UserColor {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  const [color, colorLight] = PALETTE[hash % PALETTE.length] ?? PALETTE[0];
  return { color, colorLight };
}

/**
 * A peer's presence colour if it is `#rrggbb`, else null. Peers are untrusted and their colour
 * lands in CSS: `rgb(0 0 0) url(http://…)` passed the old check and, as a `background`, made
 * every viewer's browser fetch the URL (security review S4). The relay relays only this form
 * too; the app checks again so an older or foreign relay cannot reopen it.
 */
export function presenceColor(value: unknown): string | null {
  return typeof value === "string" && /^#[0-9a-fA-F]{6}$/.test(value) ? value : null;
}

/** One or two initials for an avatar. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "?";
  const second = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "";
  return (first + second).toUpperCase();
}
