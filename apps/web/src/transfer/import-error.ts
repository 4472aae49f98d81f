/**
 * @module import-error
 * A file refused as a whole (too large, not a DOCX, a zip bomb, nested too deeply…). The UI
 * shows `t("transfer.error." + code, params)`; nothing is created when one is thrown.
 */
export type ImportErrorCode = "tooLarge" | "notDocx" | "zipBomb" | "tooDeep" | "unreadable" | "unknownType" | "empty";

export class ImportError extends Error {
  readonly code: ImportErrorCode;
  readonly params: Record<string, string | number>;

  constructor(code: ImportErrorCode, params: Record<string, string | number> = {}) {
    super(`import refused: ${code}`);
    this.name = "ImportError";
    this.code = code;
    this.params = params;
  }
}
