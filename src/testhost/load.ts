// Builds the host's workbook from the core's WorkbookInput (what either adapter reads) or from plain
// 2-D arrays per sheet. Values land as Excel stores them: dates as serial numbers with a date format,
// formula errors as error values. Nothing here goes through the proxies, so nothing is counted.
import type { CellValue, SheetInput, WorkbookInput } from "../core/model/cells";
import { DAYS_1900_TO_1904, ErrorValue, type SheetModel, WorkbookModel } from "./model";

/** A cell as tests write it: the core's CellValue (Date, {error}, …); undefined counts as empty. */
export type HostCell = CellValue | undefined;
export type HostInput = WorkbookInput | Readonly<Record<string, ReadonlyArray<ReadonlyArray<HostCell>>>>;

const MS_PER_DAY = 86_400_000;
/** Serial of 1970-01-01 in the 1900 date system (Excel counts its phantom 29.02.1900). */
const EPOCH_1970 = 25_569;
export const DATE_FORMAT = "dd.mm.yyyy";

/** Excel's serial number of a moment given as a JS Date at UTC (as ExcelJS and the core deliver days). */
export function serialOf(d: Date, date1904 = false): number {
  return d.getTime() / MS_PER_DAY + EPOCH_1970 - (date1904 ? DAYS_1900_TO_1904 : 0);
}

/**
 * Stores one typed value as Excel holds it; a Date also gets a date format unless it has one, and its serial
 * in the workbook's date system (`date1904`).
 */
export function putCell(sheet: SheetModel, r: number, c: number, v: HostCell, date1904 = false): void {
  sheet.formulas.set(r, c, undefined);
  if (v === null || v === undefined || v === "") return sheet.values.set(r, c, undefined);
  if (v instanceof Date) {
    sheet.values.set(r, c, serialOf(v, date1904));
    const style = sheet.styles.get(r, c);
    if (!style?.numberFormat) sheet.styles.set(r, c, { ...style, numberFormat: DATE_FORMAT });
    return;
  }
  if (typeof v === "object") return sheet.values.set(r, c, new ErrorValue(v.error));
  sheet.values.set(r, c, v);
}

function isWorkbookInput(x: HostInput): x is WorkbookInput {
  return Array.isArray((x as WorkbookInput).sheets);
}

function loadSheet(wb: WorkbookModel, s: SheetInput): void {
  const sheet = wb.addSheet(s.name);
  const r0 = (s.firstRow ?? 1) - 1;
  const c0 = (s.firstColumn ?? 1) - 1;
  s.rows.forEach((row, i) => row?.forEach((v, j) => putCell(sheet, r0 + i, c0 + j, v, wb.date1904)));
  if (s.hidden) sheet.visibility = "Hidden";
  // WorkbookInput names a sheet's tables but not their blocks: the first one covers the used block,
  // which is how every table sheet of the template and the example is laid out.
  const used = sheet.usedRect(true);
  const [first] = s.tables ?? [];
  if (first && used) wb.renameTable(wb.addTable(sheet, used), first);
}

/** A new workbook: the given sheets, or one empty «Лист1» like a fresh Russian Excel. */
export function workbookFrom(input?: HostInput): WorkbookModel {
  const wb = new WorkbookModel();
  if (input && isWorkbookInput(input)) wb.date1904 = input.date1904 === true;
  if (input) {
    const sheets: SheetInput[] = isWorkbookInput(input)
      ? [...input.sheets]
      : Object.entries(input).map(([name, rows]) => ({ name, rows: rows.map((r) => r.map((v) => v ?? null)) }));
    for (const s of sheets) loadSheet(wb, s);
  }
  if (wb.sheets.length === 0) wb.addSheet();
  wb.active = wb.sheets.find((s) => s.visibility === "Visible") ?? null;
  return wb;
}
