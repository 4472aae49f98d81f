/**
 * @module LazyHistoryPanel
 * The history panel loaded from its own chunk (load-history.ts), with a placeholder while it
 * loads and a retry if the chunk cannot be fetched (history needs the relay anyway, so offline
 * this says so instead of showing a blank panel). Takes exactly the panel's props.
 */
import { Component, type ComponentProps, type JSX, lazy, type ReactNode, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import type { HistoryPanel } from "./HistoryPanel.tsx";
import { loadHistory } from "./load-history.ts";

type PanelProps = ComponentProps<typeof HistoryPanel>;

const makeLazy = () => lazy(() => loadHistory().then((module) => ({ default: module.HistoryPanel })));
let Loaded = makeLazy();

export function LazyHistoryPanel(props: PanelProps): JSX.Element {
  const [attempt, setAttempt] = useState(0);
  const { t } = useTranslation();
  const retry = () => {
    Loaded = makeLazy();
    setAttempt((n) => n + 1);
  };
  const fallback = (
    <div className="history-sheet" role="dialog" aria-modal="true" aria-label={t("history.title")}>
      <p className="muted history-pad">{t("history.loading")}</p>
    </div>
  );
  return (
    <LoadBoundary key={attempt} onRetry={retry} onClose={props.onClose}>
      <Suspense fallback={fallback}>
        <Loaded {...props} />
      </Suspense>
    </LoadBoundary>
  );
}

interface BoundaryProps {
  onRetry(): void;
  onClose(): void;
  children: ReactNode;
}

class LoadBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.warn("[quire] the history panel could not be loaded", error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <LoadFailed onRetry={this.props.onRetry} onClose={this.props.onClose} />;
  }
}

function LoadFailed({ onRetry, onClose }: { onRetry(): void; onClose(): void }): JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="history-sheet" role="dialog" aria-modal="true" aria-label={t("history.title")}>
      <div className="notice history-pad" role="alert">
        {t("history.loadFailed")}{" "}
        <button type="button" className="btn btn-ghost btn-small" onClick={onRetry}>
          {t("common.tryAgain")}
        </button>{" "}
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t("common.close")}
        </button>
      </div>
    </div>
  );
}
