/**
 * @module AuthorsView
 * "Show authors": the current text coloured by who wrote each character (restored text keeps
 * its first writer's credit), with a legend. Computed in the browser from the history bundle.
 */
import { type JSX, useMemo } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { attribution } from "@quire/history";
import { AuthorText } from "./AuthorText.tsx";
import { legendOf, type Span } from "./history-model.ts";
import { Legend } from "./Legend.tsx";
import type { HistoryData } from "./use-history-data.ts";

export function AuthorsView({ data }: { data: HistoryData }): JSX.Element {
  const { t } = useTranslation();
  const runs = useMemo<Span[]>(() => attribution(data.history).map((r) => ({ kind: "same", text: r.text, author: r.author, by: null })), [data]);
  return (
    <div className="history-authors">
      <Legend authors={legendOf(runs, false)} marks={false} />
      <AuthorText runs={runs} kinds={false} label={t("history.tab.authors")} />
    </div>
  );
}
