/**
 * @module DocTitle
 * The big document title above the page; editing it renames the document for everyone.
 * Invariants (issue 10, reliability T1): it writes only what the person typed
 * ({@link useTitleDraft}), and while the title is not known yet (the workspace index has not
 * loaded, or does not list this document) it shows a neutral placeholder and cannot be edited —
 * there is no made-up title on screen that anything could save.
 */
import { type JSX, useRef } from "react";
import { useFocusOnMount } from "./use-focus-on-mount.ts";
import { useTranslation } from "../i18n/use-translation.ts";
import { useTitleDraft } from "./use-title-draft.ts";

interface Props {
  /** The document's title, or null while the workspace index does not know it yet. */
  title: string | null;
  readOnly: boolean;
  /** A document this person just created: ask for its name (focus, placeholder selected). */
  isNew: boolean;
  onRename(title: string): void;
  /** Enter pressed: the writer is done naming and wants to write (focus the page). */
  onDone(): void;
}

export function DocTitle({ title, readOnly, isNew, onRename, onDone }: Props): JSX.Element {
  const { t } = useTranslation();
  const draft = useTitleDraft(title);
  const known = title !== null;
  // Escape must not save on the blur it causes.
  const cancelled = useRef(false);
  // The person just created this document: ask for its name (not when it becomes known later).
  const input = useFocusOnMount<HTMLInputElement>(!readOnly && known && isNew);
  return (
    <input
      ref={input}
      className="doc-title-input"
      // The title's own direction (an Arabic title in the English interface, and the reverse).
      dir="auto"
      onFocusCapture={(e) => known && isNew && e.currentTarget.select()}
      aria-label={t("doc.titleLabel")}
      aria-busy={!known}
      placeholder={known ? undefined : t("doc.titleLoading")}
      value={draft.value}
      maxLength={200}
      readOnly={readOnly || !known}
      onChange={(e) => draft.edit(e.target.value)}
      onBlur={() => {
        const next = draft.finish();
        if (next !== null && !cancelled.current) onRename(next);
        cancelled.current = false;
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.currentTarget.blur();
          onDone();
        }
        if (e.key === "Escape") {
          cancelled.current = true;
          draft.cancel();
          e.currentTarget.blur();
        }
      }}
    />
  );
}
