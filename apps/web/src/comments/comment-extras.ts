/**
 * @module comment-extras
 * What the comments panel adds once it is open, in one chunk of its own: the `@` mention
 * picker and the comments' times from the relay. The panel is precached and counted in the
 * first visit (250 KB budget); these are fetched when it opens and kept by the service
 * worker's runtime cache. Without them (offline, never fetched) the panel has a plain text
 * box and the writers' times.
 */
export { watchRelayTimes } from "./comment-relay-times.ts";
export { MentionField } from "./MentionField.tsx";
