// Hard inputs: workbooks built cell by cell with ExcelJS, written to .xlsx bytes, read back through the
// adapter (src/xlsx/read.ts) and analysed. `analyzeBook` also proves nothing was lost or changed: every
// non-empty roster row is counted, outside the period or excluded with an error on its row, and the
// values the engine was given are the same after it ran.
import ExcelJS from "exceljs";
import { ORGANIZATIONS } from "../../scripts/example/boksitogorsk";
import { writeOrganizations, writeTargets } from "../../scripts/example/workbook";
import { type WorkbookAnalysis, analyzeWorkbook } from "../../src/core/analyze";
import { type CellValue, type SheetInput, type WorkbookInput, isBlank } from "../../src/core/model/cells";
import { type CoverageResult, computeCoverage } from "../../src/core/coverage/coverage";
import type { IssueCode } from "../../src/core/model/issues";
import { parsePeriod } from "../../src/core/model/period";
import { workbookInputOf } from "../../src/xlsx/read";
import { roundTrip } from "../helpers/xlsx";

export type Cell = ExcelJS.CellValue;
export const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** The template's roster headers, columns A–J. */
export const HEADERS = ["ФИО", "Дата рождения", "Код организации", "Роль", "Категория", "Форма наставничества", "Пара/группа", "Дата начала", "Дата окончания", "Согласие на обработку ПД"];
export type Column = "fio" | "birth" | "org" | "role" | "category" | "form" | "pair" | "start" | "end" | "consent";
const ORDER: Column[] = ["fio", "birth", "org", "role", "category", "form", "pair", "start", "end", "consent"];
/** Column letter of each field in the default layout. */
export const COL: Record<Column, string> = Object.fromEntries(ORDER.map((k, i) => [k, String.fromCharCode(65 + i)])) as Record<Column, string>;

/** A valid mentee of ПДШИ active in 2021-Q2; `change` replaces single cells. */
export function mentee(fio: string, change: Partial<Record<Column, Cell>> = {}): Cell[] {
  const base: Record<Column, Cell> = {
    fio, birth: utc(2009, 4, 12), org: "ПДШИ", role: "Наставляемый", category: "Обучающийся",
    form: "Учитель – ученик", pair: "П-1", start: utc(2021, 2, 1), end: null, consent: "Да",
  };
  return ORDER.map((k) => (k in change ? change[k]! : base[k]));
}

/** The mentor of pair П-1, so the mentees raise no pair-without-mentor warning. */
export const MENTOR = mentee("Орлова Анна Сергеевна", { role: "Наставник", category: "Педагог", birth: utc(1980, 1, 1) });

export interface BookOptions {
  /** Rows above the data (title, header); default: the template's header in row 1. */
  head?: Cell[][];
  rows: Cell[][];
  sheetName?: string;
  /** Anything else to do to the roster sheet (merges, hidden rows, protection, formats). */
  roster?: (ws: ExcelJS.Worksheet) => void | Promise<void>;
  /** Write the organizations and targets of the seed order (default true). */
  orgs?: boolean;
}

export async function book(opts: BookOptions): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  if (opts.orgs !== false) {
    writeOrganizations(wb, ORGANIZATIONS);
    writeTargets(wb, ORGANIZATIONS);
  }
  const ws = wb.addWorksheet(opts.sheetName ?? "Участники");
  for (const r of [...(opts.head ?? [HEADERS]), ...opts.rows]) ws.addRow(r);
  await opts.roster?.(ws);
  return wb;
}

export interface Checked {
  input: WorkbookInput;
  analysis: WorkbookAnalysis;
  coverage: CoverageResult;
}

/** Round trip, analysis and coverage for 2021-Q2, with the proofs that nothing was lost or changed. */
export async function analyzeBook(wb: ExcelJS.Workbook, period = "2021-Q2"): Promise<Checked> {
  const input = workbookInputOf(await roundTrip(wb));
  const before = structuredClone(input);
  const analysis = analyzeWorkbook(input);
  const coverage = computeCoverage(analysis, parsePeriod(period)!);
  expect(firstDifference(input, before)).toBeNull(); // validation never changes a value
  expectEveryRowAccounted(analysis, coverage);
  return { input, analysis, coverage };
}

// structuredClone may build its Dates in another realm than jest's: `instanceof Date` is not enough.
const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === "[object Date]";

const sameCell = (x: CellValue, y: CellValue): boolean => {
  if (x === y) return true;
  if (isDate(x) || isDate(y)) return isDate(x) && isDate(y) && Object.is(x.getTime(), y.getTime());
  if (typeof x === "number" && typeof y === "number") return Number.isNaN(x) && Number.isNaN(y);
  return typeof x === "object" && typeof y === "object" && x !== null && y !== null && x.error === y.error;
};

/**
 * Where two workbook inputs differ (`sheet!row:col`), or null. Hand-rolled rather than toEqual: a sheet
 * may have a million rows, which a generic deep comparison takes seconds over.
 */
export function firstDifference(a: WorkbookInput, b: WorkbookInput): string | null {
  if (a.sheets.length !== b.sheets.length || !!a.date1904 !== !!b.date1904) return "workbook";
  for (let s = 0; s < a.sheets.length; s++) {
    const x = a.sheets[s];
    const y = b.sheets[s];
    if (x.name !== y.name || x.rows.length !== y.rows.length || x.firstRow !== y.firstRow || x.firstColumn !== y.firstColumn) return x.name;
    for (let r = 0; r < x.rows.length; r++) {
      const rx = x.rows[r];
      const ry = y.rows[r];
      if (rx.length !== ry.length) return `${x.name}!${r + 1}`;
      for (let c = 0; c < rx.length; c++) if (!sameCell(rx[c], ry[c])) return `${x.name}!${r + 1}:${c + 1}`;
    }
  }
  return null;
}

/** Non-empty rows below a located header: rows with anything in a column the engine reads. */
function nonEmptyRows(sheet: SheetInput, headerIndex: number, columns: number[]): number[] {
  const out: number[] = [];
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) {
    if (columns.some((c) => !isBlank((sheet.rows[i][c] ?? null) as CellValue))) out.push((sheet.firstRow ?? 1) + i);
  }
  return out;
}

export function expectEveryRowAccounted(a: WorkbookAnalysis, c: CoverageResult): void {
  let rows = 0;
  for (const p of a.participants) {
    const { sheet, headerIndex, columnIndex } = p.located;
    const filled = nonEmptyRows(sheet, headerIndex, Object.values(columnIndex) as number[]);
    expect(p.records.map((r) => r.row)).toEqual(filled); // every non-empty row has a record, in order
    for (const rec of p.records) {
      if (rec.errors === 0 && rec.value !== null) continue;
      // An excluded row says why: an error on that row of that sheet (or a missing column, at the header).
      const why = a.issues.filter((i) => i.sheet === sheet.name && i.severity === "error" && (i.row === rec.row || i.code === "missing-column"));
      expect(why.length).toBeGreaterThan(0);
    }
    rows += p.records.length;
  }
  expect(c.rows.counted + c.rows.outsidePeriod + c.rows.excluded).toBe(rows);
}

/** `code@cell` of each issue on a sheet, e.g. `formula-error@C3`, in the engine's order. */
export function issueList(a: WorkbookAnalysis, sheet = "Участники"): string[] {
  return a.issues.filter((i) => i.sheet === sheet).map((i) => `${i.code}@${i.cell}`);
}

export function issueAt(a: WorkbookAnalysis, cell: string, code?: IssueCode) {
  return a.issues.find((i) => i.cell === cell && (code === undefined || i.code === code));
}

/** The roster sheet as the engine received it. */
export function rosterInput(input: WorkbookInput, name = "Участники"): SheetInput {
  return input.sheets.find((s) => s.name === name)!;
}
