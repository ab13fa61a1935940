// The .xlsx adapter for reading: ExcelJS workbook → the core's WorkbookInput. Nothing here knows
// the workbook model; it only turns ExcelJS cell values into plain cell values.
import ExcelJS from "exceljs";
import type { CellValue, SheetInput, WorkbookInput } from "../core/cells";

/** A file that cannot be read as a workbook at all: the command line exits with code 2. */
export class WorkbookFileError extends Error {}

export function cellValueOf(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    if ("error" in v) return { error: String(v.error) };
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      return r === undefined ? null : cellValueOf(r as ExcelJS.CellValue);
    }
    if ("text" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  }
  return String(v);
}

/** Every row without values shares this one: a stray value at row 1 048 576 must not cost a million arrays. */
const EMPTY_ROW: readonly CellValue[] = Object.freeze([]);

/**
 * One worksheet as rows of plain values. A merged area's value is in every cell of the area, as the user
 * sees it (ExcelJS reads merged cells so): a code merged down twenty rows belongs to each of them.
 */
export function sheetInputOf(ws: ExcelJS.Worksheet): SheetInput {
  const rows: (readonly CellValue[])[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: CellValue[] = new Array(Math.max(0, values.length - 1));
    for (let c = 1; c < values.length; c++) cells[c - 1] = cellValueOf(values[c]);
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
    while (rows.length < rowNumber - 1) rows.push(EMPTY_ROW); // rows come in order: the array stays dense
    rows.push(cells);
  });
  return {
    name: ws.name,
    rows,
    firstRow: 1,
    firstColumn: 1,
    // Loaded tables are keyed by their name.
    tables: Object.keys((ws as unknown as { tables?: Record<string, unknown> }).tables ?? {}),
    hidden: ws.state !== "visible",
  };
}

export function workbookInputOf(wb: ExcelJS.Workbook): WorkbookInput {
  const props = wb.properties as { date1904?: boolean };
  return { sheets: wb.worksheets.map(sheetInputOf), date1904: !!props.date1904 };
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (buf: Uint8Array, sig: number[]) => sig.every((b, i) => buf[i] === b);

/** Loads a workbook from bytes, turning every way a file can be wrong into one Russian message. */
export async function loadWorkbook(bytes: Uint8Array, fileName: string): Promise<ExcelJS.Workbook> {
  if (bytes.length === 0) throw new WorkbookFileError(`Файл «${fileName}» пуст`);
  if (startsWith(bytes, OLE)) {
    throw new WorkbookFileError(
      `Файл «${fileName}» защищён паролем или сохранён в старом формате .xls. Снимите пароль или сохраните книгу как .xlsx`,
    );
  }
  if (!startsWith(bytes, ZIP)) throw new WorkbookFileError(`Файл «${fileName}» — не книга Excel (.xlsx)`);
  const wb = new ExcelJS.Workbook();
  try {
    // Node hands ExcelJS a Buffer; the task pane (reading picked school files locally) an ArrayBuffer.
    const data = typeof Buffer === "undefined" ? bytes.slice().buffer : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookFileError(`Файл «${fileName}» повреждён или не является книгой Excel (.xlsx)`);
  }
  if (wb.worksheets.length === 0) throw new WorkbookFileError(`В книге «${fileName}» нет ни одного листа`);
  return wb;
}
