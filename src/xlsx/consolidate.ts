// Writes a consolidation into the district workbook (ExcelJS): the roster and roadmap sheets are
// rebuilt as Excel tables with a `Источник` column and the template's input rules; every other sheet
// stays as it was.
import type ExcelJS from "exceljs";
import type { WorkbookAnalysis } from "../core/analyze";
import type { CellValue } from "../core/cells";
import { PARTICIPANTS, ROADMAP, type SheetSpec } from "../core/columns";
import { type Consolidation, type DistrictRow, SOURCE_HEADER } from "../core/consolidate";
import { DATE_FORMAT, TEMPLATE_ROWS, templateModel } from "../core/template";
import { validationOf } from "./template";

function excelValue(v: CellValue): ExcelJS.CellValue {
  if (v !== null && typeof v === "object" && !(v instanceof Date)) return { error: v.error } as ExcelJS.CellErrorValue;
  return v;
}

function rebuild(wb: ExcelJS.Workbook, spec: SheetSpec, names: string[], rows: readonly DistrictRow[]): void {
  const name = names[0] ?? spec.sheetName;
  const old = names.map((n) => wb.getWorksheet(n)).filter((w): w is ExcelJS.Worksheet => !!w);
  // ExcelJS orders sheets by orderNo, which its typings do not declare.
  type Ordered = ExcelJS.Worksheet & { orderNo: number };
  const orderNo = (old[0] as Ordered | undefined)?.orderNo;
  for (const w of old) wb.removeWorksheet(w.id);
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  if (orderNo !== undefined) (ws as Ordered).orderNo = orderNo; // keep the sheet where it was
  const template = templateModel(new Date().getFullYear()).dataSheets.find((s) => s.name === spec.sheetName)!;
  const headers = [...spec.columns.map((c) => c.header), SOURCE_HEADER];
  ws.columns = [...template.columns.map((c) => ({ width: c.width })), { width: 34 }];
  ws.addTable({
    name: spec.tableName,
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: headers.map((h) => ({ name: h, filterButton: true })),
    rows: rows.length > 0 ? rows.map((r) => [...r.cells.map(excelValue), r.source ?? ""]) : [headers.map(() => null)],
  });
  const last = Math.max(rows.length, TEMPLATE_ROWS) + 1;
  template.columns.forEach((c, i) => {
    if (c.numFmt === DATE_FORMAT) for (let r = 2; r <= rows.length + 1; r++) ws.getCell(r, i + 1).numFmt = DATE_FORMAT;
    if (!c.rule) return;
    const dv = validationOf(c.rule);
    for (let r = 2; r <= last; r++) ws.getCell(r, i + 1).dataValidation = dv;
  });
}

export function writeConsolidation(wb: ExcelJS.Workbook, district: WorkbookAnalysis, c: Consolidation): void {
  rebuild(wb, PARTICIPANTS, district.participants.map((p) => p.located.sheet.name), c.participants);
  rebuild(wb, ROADMAP, district.roadmap ? [district.roadmap.located.sheet.name] : [], c.roadmap);
}
