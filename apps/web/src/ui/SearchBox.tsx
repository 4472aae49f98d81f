/**
 * @module SearchBox
 * Search across every document of the workspace on this device, offline: a field at the top
 * of the sidebar and ranked results with the matched words marked. Opening a result opens
 * the document with "find" showing the query at its first match.
 */
import { type JSX, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Snippet } from "@quire/search";
import { setPendingFind } from "../search/pending-find.ts";
import type { SearchResults, WorkspaceSearch } from "../search/WorkspaceSearch.ts";
import { shownTitle } from "./shown-title.ts";
import { useStoreValue } from "./use-store-value.ts";

/** Quiet time after a keystroke before asking the worker (each answer is a few ms). */
const TYPING_SETTLE_MS = 120;

interface Props {
  search: WorkspaceSearch;
  onOpen(docId: string): void;
}

export function SearchBox({ search, onOpen }: Props): JSX.Element {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<SearchResults | null>(null);
  const status = useStoreValue(search, (l) => search.subscribe(l), () => search.status());
  const latest = useRef("");

  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again when indexing progresses (a document indexed meanwhile may match)
  useEffect(() => {
    latest.current = query;
    if (query.trim() === "") {
      setResults(null);
      return;
    }
    const timer = setTimeout(() => {
      // Catch up with copies changed since the last look (two cheap reads per document); the
      // answer is asked again when that run ends (status above).
      search.refresh();
      void search.search(query).then((r) => {
        if (latest.current === r.query) setResults(r);
      });
    }, TYPING_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [query, search, status.busy, status.indexed]);

  const hits = results?.hits ?? [];
  const indexing = status.busy || status.indexed < status.total;
  return (
    <search className="search">
      <input
        type="search"
        className="search-input"
        value={query}
        aria-label={t("search.label")}
        placeholder={t("search.placeholder")}
        aria-controls={hits.length > 0 ? "search-results" : undefined}
        dir="auto"
        onFocus={() => {
          search.start();
          search.refresh();
        }}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && query !== "") {
            e.stopPropagation();
            setQuery("");
          }
        }}
      />
      {query.trim() !== "" && (
        <p className="muted small search-status" role="status">
          {status.unavailable
            ? t("search.unavailable")
            : results === null
            ? t("search.searching")
            : hits.length === 0
              ? indexing
                ? t("search.noneYet", { indexed: status.indexed, total: status.total })
                : t("search.none")
              : t("search.count", { count: hits.length })}
        </p>
      )}
      {hits.length > 0 && (
        <ul className="search-results" id="search-results" data-testid="search-results">
          {hits.map((hit) => (
            <li key={hit.id}>
              <button
                type="button"
                className="search-hit"
                onClick={() => {
                  setPendingFind(hit.id, query);
                  onOpen(hit.id);
                }}
              >
                <span className="search-hit-title" dir="auto">
                  {hit.title.trim() === "" ? shownTitle(hit.title, t("doc.untitled")) : <Marked text={hit.title} marks={hit.titleMarks} />}
                </span>
                <span className="search-hit-snippet small" dir="auto">
                  <Marked {...hit.snippet} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </search>
  );
}

function Marked({ text, marks }: Snippet): JSX.Element {
  const parts: JSX.Element[] = [];
  let at = 0;
  for (const [start, end] of marks) {
    if (start > at) parts.push(<span key={`t${at}`}>{text.slice(at, start)}</span>);
    parts.push(<mark key={`m${start}`}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(<span key={`t${at}`}>{text.slice(at)}</span>);
  return <>{parts}</>;
}
