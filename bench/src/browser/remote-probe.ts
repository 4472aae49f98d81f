/**
 * @module remote-probe
 * Script injected into the app page: for each watched paragraph, when its text grows to
 * length L, stamps L with the wall-clock time (performance.timeOrigin + now) of the task
 * after the next animation frame — the frame that put that keystroke on screen. The remote
 * typist stamps the same clock when it typed the key, so the difference is remote keystroke →
 * screen. Kept as source text for the same reason as latency-probe.
 */
/** paragraph index → (text length → epoch ms on screen). */
export type RemoteStamps = Record<string, Record<string, number>>;

/** `installRemoteProbe(paragraphIndexes)`; stamps accumulate in `globalThis.__remote`. */
export const REMOTE_PROBE_SOURCE = `(indexes) => {
  const editor = document.querySelector('[data-testid="editor"]');
  if (!editor) throw new Error("editor not found");
  const lengthOf = (i) => (editor.children[i] && editor.children[i].textContent || "").length;
  const stamps = {};
  const last = {};
  for (const i of indexes) { stamps[i] = {}; last[i] = lengthOf(i); }
  globalThis.__remote = stamps;
  let waiting = [];
  new MutationObserver(() => {
    const grown = [];
    for (const i of indexes) {
      const length = lengthOf(i);
      for (let l = last[i] + 1; l <= length; l++) grown.push([i, l]);
      if (length > last[i]) last[i] = length;
    }
    if (grown.length === 0) return;
    const first = waiting.length === 0;
    waiting.push(...grown);
    if (!first) return;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const t = performance.timeOrigin + performance.now();
        for (const [i, l] of waiting) if (stamps[i][l] === undefined) stamps[i][l] = t;
        waiting = [];
      };
      channel.port2.postMessage(0);
    });
  }).observe(editor, { subtree: true, childList: true, characterData: true });
}`;

export const READ_REMOTE_PROBE_SOURCE = "globalThis.__remote || {}";
