// What a cell holds, the way both Office.js (Range.values + valueTypes) and ExcelJS deliver it,
// reduced to one shape the domain core understands. Adapters convert; the core never sees Office or ExcelJS.
export interface CellError {
  readonly error: string; // "#N/A", "#REF!", "#DIV/0!", ...
}

export type CellValue = string | number | boolean | Date | CellError | null;

export function isCellError(v: CellValue): v is CellError {
  return typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as CellError).error === "string";
}

// Whitespace and the invisible characters text.ts strips (soft hyphen, zero-width characters, direction
// marks, BOM): a cell holding only these reads as empty text, so it must count as blank too.
const BLANK_TEXT = /^[\s\u00ad\u200b-\u200f\u2060\ufeff]*$/;

export function isBlank(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  // Called for every cell twice; most text starts with a visible letter or digit, decided at once.
  const c = v.charCodeAt(0);
  if ((c > 0x20 && c < 0x7f) || (c >= 0x400 && c <= 0x4ff)) return false;
  return BLANK_TEXT.test(v); // a test, not a replace: no string built per cell
}

/** A sheet as rows of cells; `firstRow` is the worksheet row number of rows[0] (1-based). */
export interface SheetInput {
  readonly name: string;
  readonly rows: ReadonlyArray<ReadonlyArray<CellValue>>;
  readonly firstRow?: number;
  readonly firstColumn?: number; // 1-based worksheet column of rows[*][0]
  /** Excel tables (ListObjects) on this sheet, by name, for recognition by table name. */
  readonly tables?: ReadonlyArray<string>;
  readonly hidden?: boolean;
  /**
   * Addresses (A1) of the number cells whose number format shows a percentage («0%», «0.0%»), when the reader
   * knows formats: 0,35 there is the 35 % the user sees. Optional; without it a fraction below 1 in a
   * percentage target is read as a share (docs/layouts.md, «Percentages»).
   */
  readonly percentCells?: ReadonlyArray<string>;
}

/** Formula cells of one column that the file holds without a computed value (scripts write such files). */
export interface UncalculatedColumn {
  readonly sheet: string;
  /** 1-based worksheet column. */
  readonly column: number;
  readonly count: number;
}

export interface WorkbookInput {
  readonly sheets: ReadonlyArray<SheetInput>;
  /** Columns with formulas saved without values: they read as empty, and the user must let Excel compute them. */
  readonly uncalculated?: ReadonlyArray<UncalculatedColumn>;
  /** true for workbooks in the 1904 date system: serial numbers shift by 1462 days. */
  readonly date1904?: boolean;
}

/** Column letters of a 1-based column index: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = "";
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}
