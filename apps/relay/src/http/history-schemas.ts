/**
 * @module history-schemas
 * Valibot schemas for every input of the history API (issue 12, item 7): path params, JSON
 * bodies and query strings are checked at the boundary; handlers receive typed values only.
 */
import * as v from "valibot";
import { checkDocName } from "@quire/core";

/** C0 controls and DEL garble logs, CSV files and UIs; never part of a name. */
function noControls(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

const docName = v.pipe(
  v.string(),
  v.check((name) => checkDocName(name).ok, "bad document name: 1–4 '/'-separated segments of [A-Za-z0-9._-], URL-encoded in the path"),
);

/** Version ids are opaque: what GET versions returned (`a<seq>-<at>` or `v<hex>`). */
const versionId = v.pipe(v.string("version must be a string"), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "version must be a version id from GET versions"));

export const DocParams = v.object({ doc: docName });
export const VersionParams = v.object({ doc: docName, id: versionId });

/** Up to 120 characters (code points), trimmed: a title, not a paragraph. */
const versionName = v.pipe(
  v.string("name must be a string"),
  v.trim(),
  v.check((name) => [...name].length >= 1 && [...name].length <= 120, "name must be 1–120 characters"),
  v.check(noControls, "name must not contain control characters"),
);

export const CreateVersionBody = v.strictObject({ name: versionName, handIn: v.optional(v.boolean("handIn must be true or false")) });
export const RenameVersionBody = v.strictObject({ name: versionName });
export const RestoreBody = v.strictObject({ version: versionId });

/** Relay times, ms since the epoch. */
const time = v.pipe(v.number("from and to must be numbers (ms since the epoch)"), v.integer(), v.minValue(0), v.maxValue(8.64e15));

export const RevertMemberBody = v.pipe(
  v.strictObject({
    userId: v.pipe(v.string("userId must be a string"), v.minLength(1), v.maxLength(200), v.check(noControls, "userId must not contain control characters")),
    from: time,
    to: time,
  }),
  v.check((body) => body.from <= body.to, "from must not be after to"),
);

export const ContributionsQuery = v.object({ format: v.optional(v.picklist(["json", "csv"], "format must be json or csv")) });

const count = v.pipe(v.string(), v.regex(/^\d{1,15}$/, "must be a non-negative integer"), v.transform(Number));
export const HistoryQuery = v.object({ after: v.optional(count), limit: v.optional(count) });
