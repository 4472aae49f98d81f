/**
 * @module remote-probe
 * Script injected into the app page: for each watched paragraph, when its text grows to
 * length L, stamps L with the wall-clock time (performance.timeOrigin + now) of the task
 * after the first animation frame that showed it — the frame that put that keystroke on
 * screen. The remote typist stamps the same clock when it typed the key, so the difference is
 * remote keystroke → screen. Kept as source text for the same reason as latency-probe.
 *
 * How: every frame, a requestAnimationFrame callback posts a task; that task (it runs after
 * the frame was produced) reads the watched paragraphs' lengths and stamps what grew. A DOM
 * change made by a task between frames is stamped after the next frame; one made inside a
 * requestAnimationFrame callback (the @lexical/yjs patch applies classmates' changes there,
 * F20) is in that same frame, and is stamped after it. An earlier version reacted to a
 * MutationObserver and asked for the *next* frame, which counted one frame too many for
 * changes made inside a frame's callbacks (F22).
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
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const t = performance.timeOrigin + performance.now();
    for (const i of indexes) {
      const length = lengthOf(i);
      for (let l = last[i] + 1; l <= length; l++) if (stamps[i][l] === undefined) stamps[i][l] = t;
      if (length > last[i]) last[i] = length;
    }
  };
  const frame = () => {
    channel.port2.postMessage(0);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}`;

export const READ_REMOTE_PROBE_SOURCE = "globalThis.__remote || {}";
