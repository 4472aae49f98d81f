/**
 * @module FindBar
 * Find in this document (Ctrl+F / ⌘F): every match highlighted, "3 of 12", Enter and
 * Shift+Enter (or the arrows) step through them, Escape closes and leaves the caret on the
 * current match. Matches follow the live document (a classmate's edit moves them).
 */
import { type JSX, type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { findRanges } from "../search/find-ranges.ts";

/** Quiet time after a change of the document before matches are looked for again. */
const RECOUNT_SETTLE_MS = 120;
const ALL = "quire-find";
const CURRENT = "quire-find-current";

interface Props {
  /** Holds the editor (`[data-lexical-editor]`). */
  container: RefObject<HTMLElement | null>;
  initialQuery: string;
  /** Jump to the first match as soon as there is one (opened from a search result). */
  jumpToFirst: boolean;
  focusToken: number;
  /** Closed, with the query it had (Ctrl+F again starts from it, as browsers do). */
  onClose(query: string): void;
}

export function FindBar({ container, initialQuery, jumpToFirst, focusToken, onClose }: Props): JSX.Element {
  const { t } = useTranslation();
  const [query, setQuery] = useState(initialQuery);
  const [ranges, setRanges] = useState<Range[]>([]);
  const [current, setCurrent] = useState(0);
  const input = useRef<HTMLInputElement | null>(null);
  const pendingJump = useRef(jumpToFirst);
  const editorRoot = useCallback(() => container.current?.querySelector<HTMLElement>("[data-lexical-editor]") ?? null, [container]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: focusToken asks for focus again
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusToken]);

  useEffect(() => {
    const root = editorRoot();
    if (!root) return;
    const recount = () => setRanges(findRanges(root, query));
    recount();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const observer = new MutationObserver(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(recount, RECOUNT_SETTLE_MS);
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      if (timer) clearTimeout(timer);
    };
  }, [editorRoot, query]);

  const at = ranges.length === 0 ? -1 : Math.min(current, ranges.length - 1);
  // A layout effect: the highlights are painted with the count ("2 of 3") they go with. As a
  // passive effect they came a frame later under preact/compat (the shipped renderer runs
  // those after the next animation frame; React ran them at once after a key press).
  useLayoutEffect(() => {
    const highlights = typeof CSS !== "undefined" ? CSS.highlights : undefined;
    if (!highlights) return;
    highlights.set(ALL, new Highlight(...ranges));
    const here = ranges[at];
    if (here) highlights.set(CURRENT, new Highlight(here));
    else highlights.delete(CURRENT);
    return () => {
      highlights.delete(ALL);
      highlights.delete(CURRENT);
    };
  }, [ranges, at]);

  useEffect(() => {
    if (!pendingJump.current || ranges.length === 0) return;
    pendingJump.current = false;
    setCurrent(0);
    reveal(ranges[0]);
  }, [ranges]);

  const step = (by: number) => {
    if (ranges.length === 0) return;
    const next = (at + by + ranges.length) % ranges.length;
    setCurrent(next);
    reveal(ranges[next]);
  };

  const close = () => {
    const here = ranges[at];
    const root = editorRoot();
    if (here && root) {
      // The caret lands on the match: the student continues writing where they looked.
      root.focus({ preventScroll: true });
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(here);
    }
    onClose(query);
  };

  return (
    <search className="find-bar" aria-label={t("find.region")}>
      <input
        ref={input}
        type="search"
        className="find-input"
        value={query}
        dir="auto"
        aria-label={t("find.label")}
        placeholder={t("find.placeholder")}
        onChange={(e) => {
          setQuery(e.target.value);
          setCurrent(0);
          pendingJump.current = true;
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          } else if (e.key === "Escape") {
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
      />
      <span className="find-count small muted" role="status" data-testid="find-count">
        {query.trim() === "" ? "" : ranges.length === 0 ? t("find.none") : t("find.position", { current: at + 1, total: ranges.length })}
      </span>
      <button type="button" className="icon-btn" aria-label={t("find.previous")} disabled={ranges.length === 0} onClick={() => step(-1)}>
        ↑
      </button>
      <button type="button" className="icon-btn" aria-label={t("find.next")} disabled={ranges.length === 0} onClick={() => step(1)}>
        ↓
      </button>
      <button type="button" className="icon-btn" aria-label={t("find.close")} onClick={close}>
        ✕
      </button>
    </search>
  );
}

function reveal(range: Range | undefined): void {
  range?.startContainer.parentElement?.scrollIntoView({ block: "center", inline: "nearest" });
}
