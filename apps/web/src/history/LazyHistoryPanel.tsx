/**
 * @module LazyHistoryPanel
 * The history panel loaded from its own chunk (load-history.ts); if the chunk cannot be
 * fetched (it is not precached: history needs the relay anyway) the dialog says so with a
 * retry instead of staying blank. Takes exactly the panel's props.
 */
import { type ComponentProps, type JSX, lazy, Suspense, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { ChunkLoadBoundary } from "../ui/ChunkLoadBoundary.tsx";
import type { HistoryPanel } from "./HistoryPanel.tsx";
import { loadHistory } from "./load-history.ts";

const makeLazy = () => lazy(() => loadHistory().then((module) => ({ default: module.HistoryPanel })));
let Loaded = makeLazy();

export function LazyHistoryPanel(props: ComponentProps<typeof HistoryPanel>): JSX.Element {
  const [attempt, setAttempt] = useState(0);
  const { t } = useTranslation();
  const retry = () => {
    Loaded = makeLazy();
    setAttempt((n) => n + 1);
  };
  const frame = (notice: JSX.Element) => (
    <div className="history-sheet" role="dialog" aria-modal="true" aria-label={t("history.open")} onKeyDown={(e) => e.key === "Escape" && props.onClose()}>
      {notice}
      <button type="button" className="btn btn-ghost btn-small" onClick={props.onClose}>
        {t("common.close")}
      </button>
    </div>
  );
  return (
    <ChunkLoadBoundary key={attempt} onRetry={retry} message={t("history.loadFailed")} frame={frame}>
      <Suspense fallback={null}>
        <Loaded {...props} />
      </Suspense>
    </ChunkLoadBoundary>
  );
}
