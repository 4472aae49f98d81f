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
import { type JSX, useEffect, useRef, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { PendingComment } from "./pending-comment.ts";

interface Props {
  threads: CommentThreads;
  list: readonly CommentThread[];
  /** For the comments' times from the relay (comment-relay-times.ts). */
  docName: string;
  token(): string;
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
  const [filter, setFilter] = useState<"open" | "resolved">("open");
  const shown = props.list.filter((th) => th.resolved === (filter === "resolved"));
  const [relayAt, setRelayAt] = useState<ReadonlyMap<string, number>>(new Map());
  // Asked again when a comment is added (here or synced in); offline it fails and the writer's times stay.
  const written = props.list.reduce((n, th) => n + 1 + th.replies.length, 0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again per new comment only (the caller's token function is new on every render)
  useEffect(() => {
    if (written > 0) {
      import("./comment-relay-times.ts").then((m) => m.loadRelayTimes(props.docName, props.token, props.threads)).then(setRelayAt, () => undefined);
    }
  }, [written]);
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
          {(["open", "resolved"] as const).map((f) => (
            <button key={f} type="button" className="btn btn-ghost btn-small" aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {f === "open" ? t("comments.filterOpen") : t("comments.filterResolved")}
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
          onCancel={props.onPendingDone}
          onSubmit={(body) => {
            const pending = props.pending;
            if (!pending) return;
            let id = "";
            if (write(() => (id = props.threads.add({ ...pending, body, author: props.author })))) {
              props.onPendingDone();
              setFilter("open");
              props.onActivate(id);
            }
          }}
        />
      )}
      {shown.length === 0 && <p className="muted comments-empty">{filter === "open" ? t("comments.noneOpen") : t("comments.noneResolved")}</p>}
      <ul className="comments-list">
        {shown.map((thread) => (
          <li key={thread.id}>
            <Thread
              thread={thread}
              relayAt={relayAt}
              isActive={props.active === thread.id}
              detached={!thread.resolved && !props.located.has(thread.id)}
              canComment={props.canComment}
              onActivate={() => props.onActivate(thread.id)}
              onReply={(body) => write(() => props.threads.reply(thread.id, { body, author: props.author }))}
              onResolve={(resolved) => write(() => props.threads.setResolved(thread.id, resolved, props.author))}
            />
          </li>
        ))}
      </ul>
    </aside>
  );
}

function NewComment({ quote, onSubmit, onCancel }: { quote: string; onSubmit(body: string): void; onCancel(): void }): JSX.Element {
  const { t } = useTranslation();
  const [body, setBody] = useState("");
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  return (
    <form
      className="comment-new"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(body);
      }}
    >
      <blockquote className="comment-quote" dir="auto">
        {quote}
      </blockquote>
      <label className="visually-hidden" htmlFor="comment-new-body">
        {t("comments.newLabel")}
      </label>
      <textarea id="comment-new-body" ref={field} value={body} dir="auto" rows={3} placeholder={t("comments.newPlaceholder")} onChange={(e) => setBody(e.target.value)} />
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
  onReply(body: string): boolean;
  onResolve(resolved: boolean): void;
}

function Thread({ thread, relayAt, isActive, detached, canComment, onActivate, onReply, onResolve }: ThreadProps): JSX.Element {
  const { t } = useTranslation();
  const [reply, setReply] = useState("");
  // The writer's clock is a claim (it can be wrong): marked with "*", and its title says so.
  const time = (id: string, claimed: number) => {
    const at = relayAt.get(id);
    return [new Date(at ?? claimed).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) + (at ? "" : " *"), t(at ? "comments.relayTime" : "comments.deviceTime")] as const;
  };
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
            if (onReply(reply)) setReply("");
          }}
        >
          {!thread.resolved && (
            <>
              <textarea value={reply} dir="auto" rows={1} aria-label={t("comments.replyLabel")} placeholder={t("comments.replyPlaceholder")} onChange={(e) => setReply(e.target.value)} />
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

function Message({ name, time, body }: { name: string; time: readonly [text: string, title: string]; body: string }): JSX.Element {
  return (
    <div className="comment-message">
      <p className="comment-meta">
        <strong dir="auto">{name}</strong>{" "}
        <span className="muted" title={time[1]}>
          {time[0]}
        </span>
      </p>
      <p className="comment-body" dir="auto">
        {body}
      </p>
    </div>
  );
}
