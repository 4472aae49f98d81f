/**
 * @module AuthorText
 * Text runs drawn in their authors' colours, paragraph by paragraph: inserted text underlined
 * and deleted text struck through (never colour alone, WCAG 1.4.1), each marked for screen
 * readers as <ins>/<del> with the author's name in its title. `kinds: false` draws plain
 * attribution (who wrote what) with a coloured underline and tint only.
 */
import type { CSSProperties, JSX } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { userColor } from "../editor/user-color.ts";
import { paragraphs, type Span } from "./history-model.ts";

interface Props {
  runs: readonly Span[];
  /** Draw insertions/deletions (compare) or only who wrote it (authors, replay). */
  kinds: boolean;
  /** Marks changes this user made with a "yours" outline (while you were away). */
  selfUserId?: string;
  label: string;
}

export function AuthorText({ runs, kinds, selfUserId, label }: Props): JSX.Element {
  const { t } = useTranslation();
  const blocks = paragraphs(runs);
  const labels: Labels = {
    unknown: t("history.unknownAuthor"),
    inserted: (name) => t("history.insertedBy", { name }),
    deleted: (name) => t("history.deletedBy", { name }),
    formatted: (name) => t("history.formattedBy", { name }),
  };
  return (
    <div className="history-text" role="document" aria-label={label} dir="auto">
      {blocks.map((block, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity of their own
        <p key={i} className={kinds && block.kind !== "same" ? `history-block is-${block.kind}` : "history-block"} dir="auto">
          {block.spans.length === 0 ? <br /> : block.spans.map((span, j) => renderSpan(span, j, kinds, selfUserId, labels))}
        </p>
      ))}
    </div>
  );
}

interface Labels {
  unknown: string;
  inserted(name: string): string;
  deleted(name: string): string;
  formatted(name: string): string;
}

function renderSpan(span: Span, key: number, kinds: boolean, selfUserId: string | undefined, labels: Labels): JSX.Element {
  const who = kinds && span.kind !== "same" ? (span.by ?? span.author) : span.author;
  const colors = who ? userColor(who.userId) : null;
  const style = colors ? ({ "--author": colors.color, "--author-light": colors.colorLight } as CSSProperties) : undefined;
  const mine = selfUserId !== undefined && span.kind !== "same" && who?.userId === selfUserId ? " is-mine" : "";
  if (!kinds || span.kind === "same") {
    return (
      <span key={key} className={kinds ? undefined : "history-by"} style={kinds ? undefined : style} title={!kinds && who ? who.name : undefined}>
        {span.text}
      </span>
    );
  }
  const name = who?.name ?? labels.unknown;
  if (span.kind === "inserted") {
    return (
      <ins key={key} className={`history-ins${mine}`} style={style} title={labels.inserted(name)}>
        {span.text}
      </ins>
    );
  }
  if (span.kind === "deleted") {
    return (
      <del key={key} className={`history-del${mine}`} style={style} title={labels.deleted(name)}>
        {span.text}
      </del>
    );
  }
  return (
    <span key={key} className={`history-fmt${mine}`} style={style} title={labels.formatted(name)}>
      {span.text}
    </span>
  );
}
