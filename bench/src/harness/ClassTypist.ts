/**
 * @module ClassTypist
 * One remote classmate: a stock Yjs client (y-websocket, as any Yjs app would connect) on the
 * relay that types into its own paragraph of the Lexical `root-v2` structure at a seeded 3–5
 * keys/s, and publishes its caret after every key through awareness in the shape
 * @lexical/yjs reads (name, colour, focusing, relative anchor/focus positions), so the page
 * draws a named, coloured, moving cursor for it. Records when it typed each key (epoch ms, the
 * page's clock too) for keystroke → screen.
 */
import { connectStockClient, seededRandom, type StockClient, waitSynced } from "@quire/testkit";
import * as Y from "yjs";

export class ClassTypist {
  readonly client: StockClient;
  /** Length of the paragraph after key k → when key k was typed (epoch ms). */
  readonly typedAt = new Map<number, number>();
  typed = 0;
  error: Error | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly random: () => number;
  private startOffset = 0;
  private baseLength = 0;

  constructor(
    syncUrl: string,
    docName: string,
    token: string,
    readonly name: string,
    readonly color: string,
    readonly paragraph: number,
    seed: number,
    /** Publish a caret through awareness (off: the same typing with presence off). */
    readonly cursors: boolean,
  ) {
    this.client = connectStockClient(syncUrl, docName, token);
    this.random = seededRandom(seed);
    if (!cursors) this.client.provider.awareness.setLocalState(null);
  }

  async ready(paragraphs: number, timeoutMs: number): Promise<void> {
    await waitSynced(this.client.provider, timeoutMs);
    const root = this.client.doc.get("root-v2", Y.XmlElement);
    const deadline = Date.now() + timeoutMs;
    while (root.length < paragraphs) {
      if (Date.now() > deadline) throw new Error(`${this.name} never saw all ${paragraphs} paragraphs`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const text = this.text();
    this.baseLength = text.length;
    this.startOffset = Math.floor(this.random() * (text.length + 1));
    this.publishCaret();
  }

  /** The paragraph's first text run in the @lexical/yjs v2 layout. */
  private text(): Y.XmlText {
    const paragraph = this.client.doc.get("root-v2", Y.XmlElement).get(this.paragraph);
    if (!(paragraph instanceof Y.XmlElement)) throw new Error("paragraph missing");
    const text = paragraph.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
    if (!text) throw new Error("paragraph has no text");
    return text;
  }

  private publishCaret(): void {
    if (!this.cursors) return;
    const position = Y.createRelativePositionFromTypeIndex(this.text(), this.startOffset + this.typed);
    const json = Y.relativePositionToJSON(position);
    this.client.provider.awareness.setLocalState({
      name: this.name,
      color: this.color,
      focusing: true,
      anchorPos: json,
      focusPos: json,
      awarenessData: { user: { name: this.name, color: this.color, colorLight: this.color } },
    });
  }

  start(): void {
    const next = () => {
      // 3–5 keys/s, a new rate for each key: people do not type like a metronome.
      this.timer = setTimeout(tick, 1000 / (3 + 2 * this.random()));
    };
    const tick = () => {
      try {
        this.text().insert(this.startOffset + this.typed, String.fromCharCode(97 + (this.typed % 26)));
        this.typed++;
        this.typedAt.set(this.baseLength + this.typed, performance.timeOrigin + performance.now());
        this.publishCaret();
        next();
      } catch (error) {
        this.error ??= error instanceof Error ? error : new Error(String(error));
      }
    };
    next();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Paragraph texts as this client's doc holds them. */
  paragraphs(): string[] {
    return this.client.doc
      .get("root-v2", Y.XmlElement)
      .toArray()
      .map((p) => (p instanceof Y.XmlElement ? p.toArray().map((c) => (c instanceof Y.XmlText ? c.toString() : "")).join("") : ""));
  }

  destroy(): void {
    this.stop();
    this.client.destroy();
  }
}
