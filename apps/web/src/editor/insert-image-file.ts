/**
 * @module insert-image-file
 * The one way a picture file enters a document, whichever way the student gave it (picture
 * button, paste, drop): the same type and size checks (`checkImageFile`) before anything is
 * read, the same messages when it is refused, and INSERT_IMAGE_COMMAND, which checks the data
 * URL once more. A file that is refused is never read, so a 2 GB video dropped by mistake costs
 * nothing.
 */
import type { LexicalEditor } from "lexical";
import { t } from "../i18n/instance.ts";
import { checkImageFile, readImageAsDataUrl } from "./image-file.ts";
import { INSERT_IMAGE_COMMAND } from "./ImagePlugin.tsx";

/** Checks, reads and inserts `file` at the caret; tells `onError` in words why not. */
export async function insertImageFile(editor: LexicalEditor, file: File, onError: (message: string) => void): Promise<void> {
  const check = checkImageFile(file);
  if (!check.ok) {
    onError(check.message);
    return;
  }
  try {
    const src = await readImageAsDataUrl(file);
    editor.dispatchCommand(INSERT_IMAGE_COMMAND, { src, altText: file.name.replace(/\.[a-z0-9]+$/i, "") });
  } catch {
    onError(t("picture.unreadable", { name: file.name }));
  }
}
