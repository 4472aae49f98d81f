/**
 * @module DocTitle
 * The big document title above the page; editing it renames the document for everyone.
 */
import { type JSX, useEffect, useState } from "react";

interface Props {
  title: string;
  readOnly: boolean;
  onRename(title: string): void;
}

export function DocTitle({ title, readOnly, onRename }: Props): JSX.Element {
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
        if (e.key === "Enter") e.currentTarget.blur();
        if (e.key === "Escape") {
          setDraft(title);
          e.currentTarget.blur();
        }
      }}
    />
  );
}
