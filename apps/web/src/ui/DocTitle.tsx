/**
 * @module DocTitle
 * The big document title above the page; editing it renames the document for everyone.
 */
import { type JSX, useEffect, useState } from "react";

interface Props {
  title: string;
  readOnly: boolean;
  onRename(title: string): void;
  /** Enter pressed: the writer is done naming and wants to write (focus the page). */
  onDone(): void;
}

/** A brand-new document's placeholder title (the data layer's UNTITLED). */
const UNTITLED = "Untitled document";

export function DocTitle({ title, readOnly, onRename, onDone }: Props): JSX.Element {
  const [draft, setDraft] = useState(title);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setDraft(title);
  }, [title, focused]);
  const commit = () => {
    const next = draft.trim();
    if (next !== "" && next !== title) onRename(next);
    else setDraft(title);
  };
  return (
    <input
      className="doc-title-input"
      // A new document starts by asking for its name, with the placeholder selected.
      // biome-ignore lint/a11y/noAutofocus: the person just created this document
      autoFocus={!readOnly && title === UNTITLED}
      onFocusCapture={(e) => title === UNTITLED && e.currentTarget.select()}
      aria-label="Document title"
      value={draft}
      maxLength={200}
      readOnly={readOnly}
      onFocus={() => setFocused(true)}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => {
        setFocused(false);
        commit();
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.currentTarget.blur();
          onDone();
        }
        if (e.key === "Escape") {
          setDraft(title);
          e.currentTarget.blur();
        }
      }}
    />
  );
}
