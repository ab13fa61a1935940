// Writes the monitoring template (core/template/template.ts) into an ExcelJS workbook: Excel tables,
// drop-down lists, date and number rules, formats. A school that types into it sees Excel's own checks.
import ExcelJS from "exceljs";
import { columnLetter } from "../core/model/cells";
import { type InputRule, TEMPLATE_ROWS, type TemplateModel, type TemplateSheet, templateModel } from "../core/template/template";

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };

export function validationOf(rule: InputRule): ExcelJS.DataValidation {
  const common = { allowBlank: true, showInputMessage: true, prompt: rule.prompt, showErrorMessage: true };
  switch (rule.kind) {
    case "list":
      return { ...common, type: "list", formulae: [rule.source], errorTitle: "Значение не из списка", error: "Выберите значение из списка" };
    case "date":
      return { ...common, type: "date", operator: "between", formulae: [new Date(Date.UTC(1900, 0, 1)), new Date(Date.UTC(2100, 11, 31))], errorTitle: "Неверная дата", error: "Введите дату в формате ДД.ММ.ГГГГ" };
    case "whole":
      return rule.max === undefined
        ? { ...common, type: "whole", operator: "greaterThanOrEqual", formulae: [rule.min], errorTitle: "Неверное число", error: rule.prompt }
        : { ...common, type: "whole", operator: "between", formulae: [rule.min, rule.max], errorTitle: "Неверное число", error: rule.prompt };
    case "decimal":
      return { ...common, type: "decimal", operator: "greaterThanOrEqual", formulae: [rule.min], errorTitle: "Неверное число", error: rule.prompt };
  }
}

function addDataSheet(wb: ExcelJS.Workbook, s: TemplateSheet): void {
  const ws = wb.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = s.columns.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  // An Excel table needs at least one row; an empty one is skipped by the validator.
  ws.addTable({
    name: s.tableName,
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: s.columns.map((c) => ({ name: c.header, filterButton: true })),
    rows: [s.columns.map(() => null)],
  });
  ws.getRow(1).font = { bold: true };
  s.columns.forEach((c, i) => {
    if (c.rule) setColumnValidation(ws, i + 1, 2, TEMPLATE_ROWS + 1, validationOf(c.rule));
  });
}

// Data validations. ExcelJS keeps them per cell and, when writing, merges alike cells into ranges after
// sorting the addresses as strings: "B10" comes before "B2", so it writes B10:B501 and then B2:B501 —
// overlapping ranges, which Excel "repairs" (or refuses). Hence one rule per column range, given as a range
// key (ExcelJS writes a range key as its own sqref), and workbookBytes() for workbooks read from a file,
// whose validations ExcelJS expands back into cells.

/** One validation for rows `first`–`last` of column `col` (1-based), written as one sqref. */
export function setColumnValidation(ws: ExcelJS.Worksheet, col: number, first: number, last: number, dv: ExcelJS.DataValidation): void {
  const model = dataValidationModel(ws);
  const refOf = (c1: number, r1: number, c2: number, r2: number) =>
    c1 === c2 && r1 === r2 ? `${columnLetter(c1)}${r1}` : `${columnLetter(c1)}${r1}:${columnLetter(c2)}${r2}`;
  for (const key of Object.keys(model)) {
    const r = rangeOf(key);
    const old = model[key];
    if (!r || !old || !(r.c1 <= col && col <= r.c2 && r.r1 <= last && first <= r.r2)) continue;
    // The new rule replaces the old one where they meet; the old one stays on the rest of its range.
    delete model[key];
    if (r.c1 < col) model[refOf(r.c1, r.r1, col - 1, r.r2)] = old;
    if (col < r.c2) model[refOf(col + 1, r.r1, r.c2, r.r2)] = old;
    if (r.r1 < first) model[refOf(col, r.r1, col, first - 1)] = old;
    if (last < r.r2) model[refOf(col, last + 1, col, r.r2)] = old;
  }
  model[refOf(col, first, col, last)] = dv;
}

type DvModel = Record<string, ExcelJS.DataValidation | undefined>;
const dataValidationModel = (ws: ExcelJS.Worksheet): DvModel => (ws as unknown as { dataValidations: { model: DvModel } }).dataValidations.model;

interface Rect {
  readonly c1: number;
  readonly r1: number;
  readonly c2: number;
  readonly r2: number;
}

const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** `B2` or `B2:C9` (with or without `$`) as a rectangle; null for anything else. */
export function rangeOf(ref: string): Rect | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref.trim().toUpperCase());
  if (!m) return null;
  const a = { c: colNumber(m[1]), r: Number(m[2]) };
  const b = m[3] ? { c: colNumber(m[3]), r: Number(m[4]) } : a;
  return { c1: Math.min(a.c, b.c), r1: Math.min(a.r, b.r), c2: Math.max(a.c, b.c), r2: Math.max(a.r, b.r) };
}

/**
 * Rewrites a sheet's validations as disjoint column ranges: each cell keeps its rule, and cells of one
 * column with equal rules on consecutive rows become one range. Returns the model it replaced.
 */
export function compactDataValidations(ws: ExcelJS.Worksheet): DvModel {
  const model = dataValidationModel(ws);
  const ROW = 1 << 21; // rows ≤ 1 048 576
  const rules = new Map<number, ExcelJS.DataValidation>();
  const ruleIds = new Map<string, number>();
  const idOfRule = new Map<ExcelJS.DataValidation, number>();
  const byCell = new Map<number, number>(); // col·ROW + row → rule id
  const ruleId = (dv: ExcelJS.DataValidation) => {
    let id = idOfRule.get(dv);
    if (id === undefined) {
      const text = JSON.stringify(dv);
      id = ruleIds.get(text);
      if (id === undefined) {
        id = ruleIds.size;
        ruleIds.set(text, id);
        rules.set(id, dv);
      }
      idOfRule.set(dv, id);
    }
    return id;
  };
  // Ranges first, then single cells: a cell's own rule wins over a range it lies in.
  const refs = Object.keys(model).sort((a, b) => Number(!a.includes(":")) - Number(!b.includes(":")));
  let area = 0;
  for (const ref of refs) {
    const r = rangeOf(ref);
    if (r) area += (r.c2 - r.c1 + 1) * (r.r2 - r.r1 + 1);
  }
  if (area > 5_000_000) return model; // not from ExcelJS (it expands what it reads) nor from us: left as it is
  for (const ref of refs) {
    const dv = model[ref];
    const r = rangeOf(ref);
    if (!dv || !r) continue;
    const id = ruleId(dv);
    for (let col = r.c1; col <= r.c2; col++) for (let row = r.r1; row <= r.r2; row++) byCell.set(col * ROW + row, id);
  }
  const cells = [...byCell.keys()].sort((a, b) => a - b);
  const out: DvModel = {};
  for (let i = 0; i < cells.length; ) {
    const id = byCell.get(cells[i])!;
    let j = i + 1;
    while (j < cells.length && cells[j] === cells[j - 1] + 1 && byCell.get(cells[j]) === id) j++; // same column, next row
    const col = Math.floor(cells[i] / ROW);
    const [first, last] = [cells[i] % ROW, cells[j - 1] % ROW];
    const letter = columnLetter(col);
    out[first === last ? `${letter}${first}` : `${letter}${first}:${letter}${last}`] = rules.get(id);
    i = j;
  }
  (ws as unknown as { dataValidations: { model: DvModel } }).dataValidations.model = out;
  return model;
}

/** The .xlsx bytes of a workbook, its data validations written as disjoint ranges (see above). */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const saved = wb.worksheets.map((ws) => [ws, compactDataValidations(ws)] as const);
  try {
    const buf = await wb.xlsx.writeBuffer();
    return buf instanceof Uint8Array ? buf : new Uint8Array(buf as ArrayBuffer);
  } finally {
    for (const [ws, model] of saved) (ws as unknown as { dataValidations: { model: DvModel } }).dataValidations.model = model;
  }
}

export function writeTemplate(wb: ExcelJS.Workbook, model: TemplateModel): void {
  for (const s of model.dataSheets) addDataSheet(wb, s);
  const lists = wb.addWorksheet(model.lists.name);
  model.lists.columns.forEach((c, i) => {
    lists.getCell(1, i + 1).value = c.header;
    lists.getCell(1, i + 1).font = { bold: true };
    lists.getCell(1, i + 1).fill = HEADER_FILL;
    lists.getColumn(i + 1).width = Math.max(14, ...c.values.map((v) => v.length + 2));
    c.values.forEach((v, r) => (lists.getCell(r + 2, i + 1).value = v));
  });
  const settings = wb.addWorksheet(model.settings.name);
  settings.columns = [{ width: 40 }, { width: 30 }];
  model.settings.rows.forEach((r, i) => settings.addRow([...r]).font = i === 0 ? { bold: true } : {});
}

/** The template workbook's bytes for a plan year (the command line's `template`, the page's download). */
export async function templateBytes(year: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  writeTemplate(wb, templateModel(year));
  return workbookBytes(wb);
}
