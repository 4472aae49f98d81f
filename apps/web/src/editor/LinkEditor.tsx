/**
 * @module LinkEditor
 * The little box that asks for a link address. Only http(s) and mailto links are accepted
 * (see link-url.ts); anything else gets a plain-language error instead of a link.
 */
import { TOGGLE_LINK_COMMAND } from "@lexical/link";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $getSelection, $isRangeSelection } from "lexical";
import { type JSX, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { focusWhenAttached } from "../ui/use-focus-on-mount.ts";
import { normalizeLinkUrl } from "./link-url.ts";

export function LinkEditor({ onClose }: { onClose(): void }): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const url = normalizeLinkUrl(value);
    if (url === null) {
      setError(t("link.invalid"));
      return;
    }
    editor.dispatchCommand(TOGGLE_LINK_COMMAND, { url, rel: "noopener noreferrer", target: "_blank" });
    // Leave the caret after the link, not the linked words selected: until focus is back in
    // the page, the next insert (a picture, a paste) would replace the selection — the linked
    // text vanished for everyone when a picture followed a link (reliability FINDINGS O2).
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection) || selection.isCollapsed()) return;
      const end = selection.isBackward() ? selection.anchor : selection.focus;
      selection.anchor.set(end.key, end.offset, end.type);
      selection.focus.set(end.key, end.offset, end.type);
    });
    onClose();
    editor.focus();
  };
  return (
    <form
      className="link-editor"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <input
        // The box opens because the user asked to type a link (not `autoFocus`: see
        // ui/use-focus-on-mount.ts).
        ref={focusWhenAttached}
        aria-label={t("link.label")}
        placeholder={t("link.placeholder")}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => e.key === "Escape" && onClose()}
      />
      <button type="submit" className="btn btn-primary btn-small">
        {t("link.add")}
      </button>
      <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
        {t("common.cancel")}
      </button>
      {error && <p className="link-editor-error">{error}</p>}
    </form>
  );
}
