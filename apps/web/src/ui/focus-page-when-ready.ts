/**
 * @module focus-page-when-ready
 * "Enter in the title moves the caret into the page" — also when the page is not on screen
 * yet. The editor is its own chunk (load-editor.ts) and mounts only once the document's device
 * copy is open, so right after a document is created and named the page may still be coming:
 * focusing it at once found nothing and the caret went to <body>, where the first words the
 * writer typed were lost (e2e sidebar.test.ts). Invariants: focuses the page at most once;
 * gives up when the person puts focus somewhere else meanwhile, or after `timeoutMs`.
 */

const PAGE_SELECTOR = '.editor-input[contenteditable="true"]';

/** Focuses the editor's page now, or as soon as it appears. Returns a cancel function. */
export function focusPageWhenReady(timeoutMs = 10_000): () => void {
  const focusPage = (): boolean => {
    const page = document.querySelector<HTMLElement>(PAGE_SELECTOR);
    if (!page) return false;
    page.focus();
    return true;
  };
  if (focusPage()) return () => {};
  const observer = new MutationObserver(() => {
    if (focusPage()) stop();
  });
  // The person chose another field (or the title again): do not pull the caret away.
  const onFocusElsewhere = (event: FocusEvent) => {
    if (event.target instanceof HTMLElement && event.target !== document.body) stop();
  };
  const timer = setTimeout(() => stop(), timeoutMs);
  function stop(): void {
    observer.disconnect();
    clearTimeout(timer);
    document.removeEventListener("focusin", onFocusElsewhere, true);
  }
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["contenteditable"] });
  document.addEventListener("focusin", onFocusElsewhere, true);
  return stop;
}
