/**
 * @module latency-probe
 * Script injected into the app page: measures keystroke → DOM updated and keystroke → next
 * frame for keys typed into one paragraph. Remote edits land in other paragraphs, so a
 * change of this paragraph's text after a keydown is that key's. Kept as source text: tsx
 * rewrites functions (name helpers) in ways that break when Playwright serialises them.
 */
export interface ProbeSample {
  /** keydown (event.timeStamp, when the browser received the input) → DOM mutated. */
  domMs: number;
  /** keydown → the task after the next animation frame, i.e. after that frame was produced. */
  paintMs: number;
}

/** `installProbe(paragraphIndex)`; samples accumulate in `globalThis.__probe.samples`. */
export const LATENCY_PROBE_SOURCE = `(paragraphIndex) => {
  const editor = document.querySelector('[data-testid="editor"]');
  if (!editor || !editor.children[paragraphIndex]) throw new Error("editor paragraph not found");
  const textOf = () => (editor.children[paragraphIndex] && editor.children[paragraphIndex].textContent || "").length;
  const state = { samples: [], pending: null };
  globalThis.__probe = state;
  document.addEventListener("keydown", (event) => {
    if (event.key.length === 1) state.pending = { t: event.timeStamp, length: textOf() };
  }, true);
  new MutationObserver(() => {
    const pending = state.pending;
    if (!pending || textOf() === pending.length) return;
    state.pending = null;
    const domMs = performance.now() - pending.t;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => state.samples.push({ domMs, paintMs: performance.now() - pending.t });
      channel.port2.postMessage(0);
    });
  }).observe(editor, { subtree: true, childList: true, characterData: true });
}`;

export const READ_PROBE_SOURCE = "(globalThis.__probe && globalThis.__probe.samples) || []";
