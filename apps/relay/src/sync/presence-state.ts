/**
 * @module presence-state
 * What the relay relays of one presence (awareness) state (security review S4). Presence is
 * free-form JSON that every client of the doc renders, so the parts that reach the screen are
 * made safe here, at the trust boundary:
 * - colours: any value under a key named like `color` (at any depth: `color`, `colorLight`,
 *   `user.color`, `awarenessData.user.color`, `cursorColor`…) that is not `#rrggbb` is removed.
 *   A colour such as `rgb(0 0 0) url(http://…)` in a CSS `background` made every viewer's
 *   browser fetch the URL (a tracking beacon from a viewer token).
 * - names: every name the web app or a stock client shows (`name`, `user.name`,
 *   `awarenessData.user.name`) becomes the name in the sender's token, so a member cannot
 *   appear as "Teacher".
 * - `member`: set to the sender's member id (token `sub`), whatever she sent. The same student
 *   on her laptop and her phone has two presence states (one per device, each with its caret)
 *   but one member id, so the app shows her once (issue 13).
 * Everything else passes unchanged (cursor positions, flags); its size is bounded by the caller.
 */

/** The only colour form relayed: six hex digits, nothing a CSS parser could read as a URL. */
export const PRESENCE_COLOR = /^#[0-9a-fA-F]{6}$/;

const COLOR_KEY = /colou?r/i;

/**
 * Returns `json` (a presence state) with unsafe colours removed and names replaced by
 * `tokenName`, or the same string when nothing changed. `null` (a removal) passes.
 */
export function safePresenceState(json: string, tokenName: string, memberId?: string): string {
  const state: unknown = JSON.parse(json);
  if (Array.isArray(state)) return dropUnsafeColors(state) ? JSON.stringify(state) : json;
  if (!isObject(state)) return json;
  let changed = dropUnsafeColors(state);
  for (const holder of [state, state.user, isObject(state.awarenessData) ? state.awarenessData.user : undefined]) {
    if (isObject(holder) && "name" in holder && holder.name !== tokenName) {
      holder.name = tokenName;
      changed = true;
    }
  }
  if (memberId !== undefined && state.member !== memberId) {
    state.member = memberId;
    changed = true;
  }
  return changed ? JSON.stringify(state) : json;
}

function dropUnsafeColors(value: Record<string, unknown> | unknown[]): boolean {
  let changed = false;
  for (const [key, child] of Object.entries(value)) {
    if (!Array.isArray(value) && COLOR_KEY.test(key) && !(typeof child === "string" && PRESENCE_COLOR.test(child))) {
      delete value[key];
      changed = true;
    } else if (isObject(child) || Array.isArray(child)) {
      changed = dropUnsafeColors(child) || changed;
    }
  }
  return changed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
