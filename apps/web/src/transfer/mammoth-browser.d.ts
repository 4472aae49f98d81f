/**
 * Types for mammoth's self-contained browser build (the package's `lib/` needs Node's `path`
 * and `fs`, which Vite does not provide); only what docx-import.ts uses.
 */
declare module "mammoth/mammoth.browser.min.js" {
  interface ConvertResult {
    value: string;
    messages: { type: string; message: string }[];
  }
  const mammoth: {
    convertToHtml(input: { arrayBuffer: ArrayBuffer }, options?: { styleMap?: string[] }): Promise<ConvertResult>;
  };
  export default mammoth;
}
