/**
 * @module SyncFileMenu
 * "Sync file" in the workspace's top bar (issue 14, item 3): save this workspace's changes to a
 * `.quire` file from the device's copies — works with no network — and load one, which is
 * checked whole before anything changes and then reported document by document. Loaded
 * changes reach the relay like the student's own edits once online. Viewers only save.
 * The dialog itself (SyncFilePanel.tsx) is a lazy chunk: only the button is in the first load.
 */
import { type JSX, lazy, Suspense, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { Membership, WorkspaceSession } from "@quire/client";
import { ChunkLoadBoundary } from "./ChunkLoadBoundary.tsx";
import { Icon } from "./Icon.tsx";
import { usePopoverDismiss } from "./use-popover-dismiss.ts";

const loadPanel = () => import("./SyncFilePanel.tsx");
const SyncFilePanel = lazy(() => loadPanel().then((m) => ({ default: m.SyncFilePanel })));

interface Props {
  session: WorkspaceSession;
  membership: Membership;
}

export function SyncFileMenu({ session, membership }: Props): JSX.Element {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const pop = usePopoverDismiss(open, () => setOpen(false));

  return (
    <div className="sync-file">
      <button
        ref={pop.buttonRef}
        type="button"
        className="btn btn-ghost sync-file-button"
        aria-label={t("syncFile.button")}
        title={t("syncFile.button")}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="sync-file-button"
        onClick={() => {
          warmSyncFileChunk();
          setOpen(!open);
        }}
        onPointerEnter={warmSyncFileChunk}
        onFocus={warmSyncFileChunk}
      >
        {/* An icon: the top bar of a 768 px tablet has no room for one more word (e2e phone-layout). */}
        <Icon name="syncFile" size={20} />
      </button>
      {open && (
        <ChunkLoadBoundary
          key={attempt}
          message={t("syncFile.error.notReady")}
          onRetry={() => setAttempt((n) => n + 1)}
          frame={(notice) => (
            <div ref={pop.popoverRef} className="share-pop" role="dialog" aria-label={t("syncFile.title")} data-testid="sync-file-dialog">
              {notice}
            </div>
          )}
        >
          <Suspense fallback={null}>
            <SyncFilePanel session={session} membership={membership} popoverRef={pop.popoverRef} onClose={() => setOpen(false)} />
          </Suspense>
        </ChunkLoadBoundary>
      )}
    </div>
  );
}

/**
 * Fetches the sync-file chunks in the background (they are not in the first load), so that
 * once the menu has been opened online, saving and loading also work offline: this page keeps
 * the modules, the service worker keeps the files for later visits (vite.config.ts).
 */
function warmSyncFileChunk(): void {
  void loadPanel()
    .then((m) => m.warmSyncFileActions())
    .catch(() => undefined);
}
