/**
 * @module CommentsPanel
 * The comment threads of a document (issue 15): open/resolved filter, a new comment on the
 * selected words, replies, resolve and reopen. A side panel on a laptop, a sheet at the bottom
 * of a phone (comments.css). Loaded as its own chunk when first opened (CommentsPlugin).
 *
 * Every write goes through CommentThreads, into the document's Y.Doc: offline it is kept on
 * the device and synced with the text later. A body the bounds refuse (empty, too long) is
 * reported, never written.
 *
 * Times: the relay's (provenance, comment-relay-times.ts: a chunk of its own, online only)
 * where it has the comment; otherwise the writer's clock, marked as such.
 */
import { type CommentAuthor, CommentInputError, type CommentThread, type CommentThreads } from "@quire/comments";
import { type JSX, useEffect, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type * as Extras from "./comment-extras.ts";
import type { MentionFieldProps } from "./MentionField.tsx";
import type { PendingComment } from "./pending-comment.ts";
import type { RelayAccess } from "../history/relay-access.ts";

/** A plain box when the mention picker's chunk cannot be had (offline, never fetched): commenting still works. */
function PlainField(p: MentionFieldProps): JSX.Element {
  // biome-ignore lint/a11y/noAutofocus: the new comment's box opens because she asked to comment
  return <textarea id={p.id} value={p.value} dir="auto" rows={p.rows} placeholder={p.placeholder} aria-label={p.label} autoFocus={p.autoFocus} onChange={(e) => p.onChange(e.target.value, [])} />;
}

type FieldProps = Omit<MentionFieldProps, "docName" | "relay">;

interface Props {
  /** The picker and relay times, fetched with the panel (CommentsPlugin); null when they could not be had. */
  extras: typeof Extras | null;
  threads: CommentThreads;
  list: readonly CommentThread[];
  /** For the comments' times from the relay (comment-relay-times.ts). */
  docName: string;
  relay: RelayAccess;
  author: CommentAuthor;
  canComment: boolean;
  pending: PendingComment | null;
  active: string | null;
  /** Threads whose words are on the page now (the others are detached: their words were deleted). */
  located: ReadonlySet<string>;
  onActivate(id: string): void;
  onPendingDone(): void;
  onClose(): void;
  onError(message: string): void;
}

export function CommentsPanel(props: Props): JSX.Element {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<"open" | "resolved" | "mine">("open");
  const me = props.author.sub;
  // "Mentions me": threads where anyone mentioned her, open or resolved.
  const shown = props.list.filter((th) => (filter === "mine" ? [th, ...th.replies].some((m) => m.mentions.includes(me)) : th.resolved === (filter === "resolved")));
  // The picker and relay times: a chunk of their own (comment-extras.ts), this panel stays small.
  const extras = props.extras;
  const Field = extras?.MentionField ?? PlainField;
  const field = (p: FieldProps) => <Field {...p} docName={props.docName} relay={props.relay} />;
  const [relayAt, setRelayAt] = useState<ReadonlyMap<string, number>>(new Map());
  // biome-ignore lint/correctness/useExhaustiveDependencies: once the extras are in; they follow new comments themselves
  useEffect(() => extras?.watchRelayTimes(props.docName, props.relay, props.threads, setRelayAt), [extras]);
  const write = (action: () => void): boolean => {
    try {
      action();
      return true;
    } catch (error) {
      if (!(error instanceof CommentInputError)) throw error;
      props.onError(error.message);
      return false;
    }
  };
  return (
    <aside className="comments-panel" aria-label={t("comments.panel")} data-testid="comments-panel" onKeyDown={(e) => e.key === "Escape" && props.onClose()}>
      <div className="comments-head">
        <fieldset className="comments-filter">
          <legend className="visually-hidden">{t("comments.filter")}</legend>
          {(["open", "resolved", "mine"] as const).map((f) => (
            <button key={f} type="button" className="btn btn-ghost btn-small" aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {t(f === "open" ? "comments.filterOpen" : f === "mine" ? "comments.filterMine" : "comments.filterResolved")}
            </button>
          ))}
        </fieldset>
        <button type="button" className="icon-btn" aria-label={t("common.close")} onClick={props.onClose}>
          ✕
        </button>
      </div>
      {props.pending && props.canComment && (
        <NewComment
          quote={props.pending.quote}
          field={field}
          onCancel={props.onPendingDone}
          onSubmit={(body, mentions) => {
            const pending = props.pending;
            if (!pending) return;
            let id = "";
            if (write(() => (id = props.threads.add({ ...pending, body, author: props.author, mentions })))) {
              props.onPendingDone();
              setFilter("open");
              props.onActivate(id);
            }
          }}
        />
      )}
      {shown.length === 0 && <p className="muted comments-empty">{t(filter === "open" ? "comments.noneOpen" : filter === "mine" ? "comments.noneMine" : "comments.noneResolved")}</p>}
      <ul className="comments-list">
        {shown.map((thread) => (
          <li key={thread.id}>
            <Thread
              thread={thread}
              relayAt={relayAt}
              isActive={props.active === thread.id}
              detached={!thread.resolved && !props.located.has(thread.id)}
              canComment={props.canComment}
              field={field}
              onActivate={() => props.onActivate(thread.id)}
              onReply={(body, mentions) => write(() => props.threads.reply(thread.id, { body, author: props.author, mentions }))}
              onResolve={(resolved) => write(() => props.threads.setResolved(thread.id, resolved, props.author))}
            />
          </li>
        ))}
      </ul>
    </aside>
  );
}

function NewComment({ quote, field, onSubmit, onCancel }: { quote: string; field(p: FieldProps): JSX.Element; onSubmit(body: string, mentions: string[]): void; onCancel(): void }): JSX.Element {
  const { t } = useTranslation();
  const [[body, mentions], setBody] = useState<[string, string[]]>(["", []]);
  return (
    <form
      className="comment-new"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(body, mentions);
      }}
    >
      <blockquote className="comment-quote" dir="auto">
        {quote}
      </blockquote>
      <label className="visually-hidden" htmlFor="comment-new-body">
        {t("comments.newLabel")}
      </label>
      {field({ id: "comment-new-body", value: body, rows: 3, placeholder: t("comments.newPlaceholder"), autoFocus: true, onChange: (v, m) => setBody([v, m]) })}
      <div className="comment-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={body.trim() === ""}>
          {t("comments.submit")}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

interface ThreadProps {
  thread: CommentThread;
  relayAt: ReadonlyMap<string, number>;
  isActive: boolean;
  detached: boolean;
  canComment: boolean;
  onActivate(): void;
  field(p: FieldProps): JSX.Element;
  onReply(body: string, mentions: string[]): boolean;
  onResolve(resolved: boolean): void;
}

function Thread({ thread, relayAt, isActive, detached, canComment, field, onActivate, onReply, onResolve }: ThreadProps): JSX.Element {
  const { t } = useTranslation();
  const [[reply, mentions], setReply] = useState<[string, string[]]>(["", []]);
  // The relay's time where it has the comment (provenance), else the writer's clock.
  const time = (id: string, claimed: number) => new Date(relayAt.get(id) ?? claimed).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  return (
    <article className={`comment-thread${isActive ? " is-active" : ""}`} data-testid="comment-thread" data-thread-id={thread.id} aria-label={t("comments.threadBy", { name: thread.author.name })}>
      <button type="button" className="comment-quote comment-quote-btn" dir="auto" onClick={onActivate} aria-label={t("comments.showWords", { quote: thread.quote })}>
        {thread.quote}
      </button>
      {detached && <p className="muted comment-detached">{t("comments.detached")}</p>}
      <Message name={thread.author.name} time={time(thread.id, thread.createdAt)} body={thread.body} />
      {thread.replies.map((r) => (
        <Message key={r.id} name={r.author.name} time={time(r.id, r.createdAt)} body={r.body} />
      ))}
      {thread.resolved && thread.resolvedBy && <p className="muted comment-resolved-by">{t("comments.resolvedBy", { name: thread.resolvedBy.name })}</p>}
      {canComment && (
        <form
          className="comment-reply"
          onSubmit={(e) => {
            e.preventDefault();
            if (onReply(reply, mentions)) setReply(["", []]);
          }}
        >
          {!thread.resolved && (
            <>
              {field({ value: reply, rows: 1, label: t("comments.replyLabel"), placeholder: t("comments.replyPlaceholder"), onChange: (v, m) => setReply([v, m]) })}
              <button type="submit" className="btn btn-ghost btn-small" disabled={reply.trim() === ""}>
                {t("comments.reply")}
              </button>
            </>
          )}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => onResolve(!thread.resolved)}>
            {thread.resolved ? t("comments.reopen") : t("comments.resolve")}
          </button>
        </form>
      )}
    </article>
  );
}

function Message({ name, time, body }: { name: string; time: string; body: string }): JSX.Element {
  return (
    <div className="comment-message">
      <p className="comment-meta">
        <strong dir="auto">{name}</strong> <span className="muted">{time}</span>
      </p>
      <p className="comment-body" dir="auto">
        {body}
      </p>
    </div>
  );
}
