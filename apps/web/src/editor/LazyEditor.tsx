/**
 * @module LazyEditor
 * The Editor, loaded from its own chunk (load-editor.ts) with a placeholder while it loads
 * and, if the chunk cannot be fetched (offline before the service worker had cached it), a
 * message with a retry instead of a blank page. Takes exactly the Editor's props.
 */
import { type ComponentProps, type JSX, lazy, Suspense, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { ChunkLoadBoundary } from "../ui/ChunkLoadBoundary.tsx";
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
    <ChunkLoadBoundary key={attempt} onRetry={retry} message={t("editor.loadFailed")}>
      <Suspense fallback={<div className="doc-loading muted">{t("editor.loading")}</div>}>
        <Loaded {...props} />
      </Suspense>
    </ChunkLoadBoundary>
  );
}
