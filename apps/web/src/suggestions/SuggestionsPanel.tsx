/**
 * @module SuggestionsPanel
 * The list of a document's suggestions (issue 15 item 2): who proposes adding or deleting
 * which words, in the proposer's colour, with Accept and Reject for each and for all — shown
 * only to members who may edit (a viewer or commenter reads the list). A side panel on a
 * laptop, a sheet at the bottom of a phone: it shares the comment panel's layout
 * (comments.css `.comments-panel`). Each item's words are a button that scrolls to them; each
 * Accept/Reject names its item for a screen reader (aria-describedby).
 */
import type { LocatedSuggestion } from "@quire/comments";
import { type JSX, useId, useRef } from "react";
import { userColor } from "../editor/user-color.ts";
import { useTranslation } from "../i18n/use-translation.ts";

interface Props {
  list: readonly LocatedSuggestion[];
  suggesting: boolean;
  canEdit: boolean;
  onShow(id: string): void;
  onAccept(id: string): void;
  onReject(id: string): void;
  onAll(accept: boolean): void;
  onClose(): void;
}

export function SuggestionsPanel(props: Props): JSX.Element {
  const { t } = useTranslation();
  const panel = useRef<HTMLElement>(null);
  // A settled item leaves the list: focus stays in the panel, not on the page's body.
  const settled = (action: (id: string) => void) => (id: string) => {
    action(id);
    panel.current?.focus();
  };
  const items = { ...props, onAccept: settled(props.onAccept), onReject: settled(props.onReject) };
  return (
    <aside
      ref={panel}
      tabIndex={-1}
      className="comments-panel suggestions-panel"
      aria-label={t("suggestions.panel")}
      data-testid="suggestions-panel"
      onKeyDown={(e) => e.key === "Escape" && props.onClose()}
    >
      <div className="comments-head">
        <h2 className="visually-hidden">{t("suggestions.panel")}</h2>
        {props.canEdit && props.list.length > 0 && (
          <div className="suggestion-actions">
            <button type="button" className="btn btn-ghost btn-small" onClick={() => props.onAll(true)}>
              {t("suggestions.acceptAll")}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => props.onAll(false)}>
              {t("suggestions.rejectAll")}
            </button>
          </div>
        )}
        <button type="button" className="icon-btn" aria-label={t("common.close")} onClick={props.onClose}>
          ✕
        </button>
      </div>
      {props.suggesting && (
        <p className="muted suggestions-note" role="status">
          {t("suggestions.suggesting")}
        </p>
      )}
      {props.list.length === 0 && <p className="muted comments-empty">{t("suggestions.none")}</p>}
      <ul className="comments-list">
        {props.list.map((s) => (
          <li key={s.id}>
            <Item suggestion={s} {...items} />
          </li>
        ))}
      </ul>
    </aside>
  );
}

function Item({ suggestion: s, canEdit, onShow, onAccept, onReject }: Props & { suggestion: LocatedSuggestion }): JSX.Element {
  const { t } = useTranslation();
  const id = useId();
  const color = userColor(s.author.sub).color;
  return (
    <div className="suggestion-item" data-testid="suggestion" data-kind={s.kind} data-author={s.author.sub}>
      <p className="suggestion-by" id={`${id}-by`}>
        <span className="suggestion-swatch" style={{ background: color }} aria-hidden="true" />
        {s.kind === "insert" ? t("suggestions.insertBy", { name: s.author.name }) : t("suggestions.deleteBy", { name: s.author.name })}
      </p>
      <button
        type="button"
        id={`${id}-text`}
        className={`suggestion-text is-${s.kind}`}
        style={{ color }}
        aria-label={t("suggestions.showText", { text: s.text })}
        onClick={() => onShow(s.id)}
      >
        {s.text}
      </button>
      {canEdit && (
        <div className="suggestion-actions">
          <button type="button" className="btn btn-small" aria-describedby={`${id}-by ${id}-text`} onClick={() => onAccept(s.id)}>
            {t("suggestions.accept")}
          </button>
          <button type="button" className="btn btn-ghost btn-small" aria-describedby={`${id}-by ${id}-text`} onClick={() => onReject(s.id)}>
            {t("suggestions.reject")}
          </button>
        </div>
      )}
    </div>
  );
}
