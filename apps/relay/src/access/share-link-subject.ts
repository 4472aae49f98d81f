/**
 * @module share-link-subject
 * Share link ids (and so the `sub` of the tokens they buy) start with `sl_`; member ids never do.
 * On its own so the socket layer (Connection: anonymous presence) and the HTTP routes can ask
 * without importing the class access rules.
 */
const SHARE_LINK_PREFIX = "sl_";

/** Whether a token was bought with a share link (its `sub` is the link's id, not a member). */
export function isShareLinkSubject(sub: string): boolean {
  return sub.startsWith(SHARE_LINK_PREFIX);
}
