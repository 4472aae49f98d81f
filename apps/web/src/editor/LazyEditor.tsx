/**
 * @module LazyEditor
 * The Editor, loaded from its own chunk (load-editor.ts) with a placeholder while it loads
 * and, if the chunk cannot be fetched (offline before the service worker had cached it), a
 * message with a retry instead of a blank page. Takes exactly the Editor's props.
 */
import { Component, type ComponentProps, type JSX, lazy, type ReactNode, Suspense, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { Editor } from "./Editor.tsx";
import { loadEditor } from "./load-editor.ts";

type EditorProps = ComponentProps<typeof Editor>;

const makeLazy = () => lazy(() => loadEditor().then((module) => ({ default: module.Editor })));
/**
 * One lazy component for every document, so switching documents does not flash the
 * placeholder; replaced only by a retry, because React.lazy keeps its first (failed) result.
 */
let Loaded = makeLazy();

export function LazyEditor(props: EditorProps): JSX.Element {
  const [attempt, setAttempt] = useState(0);
  const { t } = useTranslation();
  const retry = () => {
    Loaded = makeLazy();
    setAttempt((n) => n + 1);
  };
  return (
    <EditorLoadBoundary key={attempt} onRetry={retry}>
      <Suspense fallback={<div className="doc-loading muted">{t("editor.loading")}</div>}>
        <Loaded {...props} />
      </Suspense>
    </EditorLoadBoundary>
  );
}

interface BoundaryProps {
  onRetry(): void;
  children: ReactNode;
}

/** Catches only the chunk load failing; the editor's own errors have Lexical's boundary. */
class EditorLoadBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.warn("[quire] the editor could not be loaded", error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <LoadFailed onRetry={this.props.onRetry} />;
  }
}

/** A function component, so the words follow the interface language (hooks). */
function LoadFailed({ onRetry }: { onRetry(): void }): JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="notice" role="alert">
      {t("editor.loadFailed")}{" "}
      <button type="button" className="btn btn-ghost btn-small" onClick={onRetry}>
        {t("common.tryAgain")}
      </button>
    </div>
  );
}
