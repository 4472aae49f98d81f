/**
 * @module mentions
 * `@name` mentions of workspace members in a comment. A mention is matched against the member
 * list the writer's device knows (names are not unique keys, so the member id `sub` is what is
 * stored); the longest name wins, so "@Ann Lee" is Ann Lee even when an "Ann" exists too.
 */

/** A workspace member as the mention picker knows her. */
export interface Mentionable {
  sub: string;
  name: string;
}

/**
 * The members mentioned in `text`, in order of first mention, each once. Matching ignores case;
 * a name must end at a word boundary ("@Ann" does not mention "Anna").
 *
 * @example
 * findMentions("thanks @ann lee!", [{ sub: "u1", name: "Ann Lee" }]) // → ["u1"]
 */
export function findMentions(text: string, members: readonly Mentionable[]): string[] {
  const byLength = members.filter((m) => m.name.trim() !== "").sort((a, b) => b.name.length - a.name.length);
  const lower = text.toLocaleLowerCase();
  const found: string[] = [];
  for (let at = lower.indexOf("@"); at !== -1; at = lower.indexOf("@", at + 1)) {
    const rest = lower.slice(at + 1);
    const member = byLength.find((m) => {
      const name = m.name.toLocaleLowerCase();
      return rest.startsWith(name) && !/[\p{L}\p{N}_]/u.test(rest.charAt(name.length));
    });
    if (member && !found.includes(member.sub)) found.push(member.sub);
  }
  return found;
}

/** The members whose names start with `prefix` (what follows an "@" being typed), for a picker. */
export function mentionCandidates(prefix: string, members: readonly Mentionable[], limit = 8): Mentionable[] {
  const p = prefix.toLocaleLowerCase();
  return members.filter((m) => m.name.toLocaleLowerCase().startsWith(p)).slice(0, limit);
}
