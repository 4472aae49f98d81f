/**
 * @module ChunkLoadBoundary
 * Catches a lazily loaded chunk failing to download (offline before the service worker had it,
 * or a chunk that is never precached, like the history panel's) and shows `message` with a
 * retry instead of a blank area. Only the load: a component's own errors are not its business.
 * Shared by the editor and the history panel, so the first visit carries this once.
 */
import { Component, type JSX, type ReactNode } from "react";
import { useTranslation } from "../i18n/use-translation.ts";

interface Props {
  /** What failed, in the interface language. */
  message: string;
  onRetry(): void;
  /** Wraps the failure notice (the history panel puts it in its dialog). */
  frame?: (notice: JSX.Element) => JSX.Element;
  children: ReactNode;
}

export class ChunkLoadBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.warn("[quire] a part of the app could not be loaded", error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const notice = <LoadFailed message={this.props.message} onRetry={this.props.onRetry} />;
    return this.props.frame ? this.props.frame(notice) : notice;
  }
}

/** A function component, so the words follow the interface language (hooks). */
function LoadFailed({ message, onRetry }: { message: string; onRetry(): void }): JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="notice" role="alert">
      {message}{" "}
      <button type="button" className="btn btn-ghost btn-small" onClick={onRetry}>
        {t("common.tryAgain")}
      </button>
    </div>
  );
}
