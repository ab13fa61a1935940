// Reading a workbook file into the core's WorkbookInput: `readWorkbook` tells the format by the bytes and
// reads .xlsx/.xlsm with our streaming reader (reader/), .ods/.xls/.xlsb/HTML tables with SheetJS and CSV
// exports of a roster (formats.ts). Every way a file can be wrong becomes one Russian message. The
// ExcelJS path below (loadWorkbook + workbookInputOf) is the reference the reader is tested against.
import type ExcelJS from "exceljs";
import { analyzeWorkbook } from "../core/analyze";
import type { CellValue, SheetInput, WorkbookInput } from "../core/model/cells";
import type { SchoolBook } from "../core/consolidate/consolidate";
import { crc32 } from "./package/zip";
import { readableCopy } from "./package/normalize";
import { type FileFormat, detectFormat, readCsv, readWithSheetJs } from "./formats";
import { type ReadWarning, ReaderError, type SheetProgress, messageOf, readWorkbookInput } from "./reader/workbook";

/** A file that cannot be read as a workbook at all: the command line exits with code 2. */
export class WorkbookFileError extends Error {}

/** Texts already copied (see ownText), per workbook. */
type Copies = Map<string, string>;

export function cellValueOf(v: ExcelJS.CellValue | undefined, copies: Copies = new Map()): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return ownText(v, copies);
  if (typeof v === "number" || typeof v === "boolean") return v;
  // A new Date next to its row (see sheetInputOf), rather than ExcelJS's, allocated amid its parser's.
  if (v instanceof Date) return new Date(v.getTime());
  if (typeof v === "object") {
    if ("error" in v) return { error: String(v.error) };
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      return r === undefined ? null : cellValueOf(r as ExcelJS.CellValue, copies);
    }
    if ("text" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  }
  return String(v);
}

// ExcelJS hands out longer texts as slices of the XML chunk it parsed: each slice keeps its whole chunk
// alive, and every character read goes through it (the core reads each ФИО several times; on a 100 000-row
// roster that was a fifth of validation). A text of its own is what the Office adapter gets from JSON, so
// both adapters give the core the same kind of input. JSON is the cheapest copy V8 makes a flat string of;
// texts under 13 characters are never slices. Copies are shared per workbook: list values repeat.
const MIN_SLICE = 13;

function ownText(s: string, copies: Copies): string {
  if (s.length < MIN_SLICE) return s;
  let own = copies.get(s);
  if (own === undefined) copies.set(s, (own = JSON.parse(JSON.stringify(s)) as string));
  return own;
}

/** Every row without values shares this one: a stray value at row 1 048 576 must not cost a million arrays. */
const EMPTY_ROW: readonly CellValue[] = Object.freeze([]);

/**
 * One worksheet as rows of plain values. A merged area's value is in every cell of the area, as the user
 * sees it (ExcelJS reads merged cells so): a code merged down twenty rows belongs to each of them.
 */
export function sheetInputOf(ws: ExcelJS.Worksheet, copies: Copies = new Map()): SheetInput {
  const rows: (readonly CellValue[])[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: CellValue[] = new Array(Math.max(0, values.length - 1));
    for (let c = 1; c < values.length; c++) cells[c - 1] = cellValueOf(values[c], copies);
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
  const copies: Copies = new Map();
  return { sheets: wb.worksheets.map((ws) => sheetInputOf(ws, copies)), date1904: !!props.date1904 };
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
  // Loaded here, not at the top: the command line reads with reader/ and should not pay for ExcelJS's start.
  const { Workbook } = (await import("exceljs")).default;
  const wb = new Workbook();
  try {
    const readable = readableCopy(bytes);
    // Node hands ExcelJS a Buffer; the task pane (reading picked school files locally) an ArrayBuffer.
    const data = typeof Buffer === "undefined" ? readable.slice().buffer : Buffer.from(readable.buffer, readable.byteOffset, readable.byteLength);
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookFileError(`Файл «${fileName}» повреждён или не является книгой Excel (.xlsx)`);
  }
  if (wb.worksheets.length === 0) throw new WorkbookFileError(`В книге «${fileName}» нет ни одного листа`);
  return wb;
}

export interface ReadWorkbook {
  readonly input: WorkbookInput;
  readonly date1904: boolean;
  readonly format: FileFormat;
  readonly warnings: readonly ReadWarning[];
}

/** Names of the formats for messages. */
export const FORMAT_NAMES: Record<FileFormat, string> = {
  xlsx: "книга Excel (.xlsx)",
  xlsb: "двоичная книга Excel (.xlsb)",
  ods: "книга LibreOffice (.ods)",
  xls: "книга Excel 97–2003 (.xls)",
  html: "веб-страница с таблицей (HTML)",
  csv: "текст CSV",
};

/**
 * Reads any workbook file a school or district sends; a roster CSV becomes the sheet «Участники».
 * `onProgress` hears how far each worksheet of an .xlsx is read (the other formats are read at once).
 */
export function readWorkbook(bytes: Uint8Array, fileName: string, opts: { onProgress?: (p: SheetProgress) => void } = {}): ReadWorkbook {
  if (bytes.length === 0) throw new WorkbookFileError(`Файл «${fileName}» пуст`);
  const format = detectFormat(bytes, fileName);
  if (typeof format !== "string") throw new WorkbookFileError(`Файл «${fileName}» ${format.what}`);
  let read: { input: WorkbookInput; date1904: boolean; warnings?: readonly ReadWarning[] };
  try {
    if (format === "xlsx") read = readWorkbookInput(bytes, { onProgress: opts.onProgress });
    else if (format === "csv") read = readCsv(bytes, "Участники");
    else read = readWithSheetJs(bytes, format);
  } catch (e) {
    if (e instanceof ReaderError) throw new WorkbookFileError(messageOf(e, fileName));
    if (e instanceof RangeError) throw new WorkbookFileError(`Книга «${fileName}» слишком велика для чтения`);
    throw new WorkbookFileError(`Файл «${fileName}» повреждён: ${FORMAT_NAMES[format]} не читается`);
  }
  if (read.input.sheets.length === 0) throw new WorkbookFileError(`В книге «${fileName}» нет ни одного листа`);
  const warnings = read.warnings ?? [];
  const uncalculated = warnings.filter((w) => w.kind === "formula-without-value").map(({ sheet, column, count }) => ({ sheet, column, count }));
  return { input: uncalculated.length > 0 ? { ...read.input, uncalculated } : read.input, date1904: read.date1904, format, warnings };
}

/** A school file given to the import: its name and bytes (read in the pane or the page, never uploaded). */
export interface SchoolFileBytes {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * School files read and analysed for a consolidation, with the same reader as the command line's (.xlsx,
 * .ods, .xls, .xlsb, CSV); a file that cannot be read is reported with its reason, never skipped silently.
 * The fingerprint (size and CRC-32) tells the same bytes given twice.
 */
export function readSchoolBooks(files: readonly SchoolFileBytes[]): { schools: SchoolBook[]; failed: { file: string; message: string }[] } {
  const schools: SchoolBook[] = [];
  const failed: { file: string; message: string }[] = [];
  for (const f of files) {
    try {
      const analysis = analyzeWorkbook(readWorkbook(f.bytes, f.name).input);
      schools.push({ file: f.name, analysis, fingerprint: `${f.bytes.length}-${crc32(f.bytes).toString(16)}` });
    } catch (e) {
      failed.push({ file: f.name, message: e instanceof WorkbookFileError ? e.message : `не удалось прочитать: ${String(e)}` });
    }
  }
  return { schools, failed };
}
