// Writes a consolidation into the district's own package, surgically: each district sheet the plan
// touches has its worksheet part edited row by row (package/rows.ts), its Excel table grown over the new
// rows, and the styles part gets a date format if it lacks one. Every other part keeps its exact bytes.
import ExcelJS from "exceljs";
import { cellAddress } from "../core/model/cells";
import { ROADMAP } from "../core/model/columns";
import { type Consolidation, SOURCE_HEADER } from "../core/consolidate/consolidate";
import { templateModel } from "../core/template/template";
import type { Package } from "./package/opc";
import { UnsafeEditError, applyPlan } from "./package/rows";
import { putSheet, scratchSheet } from "./package/sheet";
import { PackageStyles } from "./package/styles";
import { extendTable } from "./package/tables";
import { WorkbookFileError } from "./read";

export interface WriteOutcome {
  /** Things the user should know about the write (a table not extended, values kept in replaced rows). */
  readonly notes: string[];
}

/**
 * Removes the calculation chain (`xl/calcChain.xml`), which lists the formula cells in their order of
 * calculation: once a formula cell is emptied it names a cell without a formula, which Excel reports as
 * damaged content. Without the part Excel rebuilds the chain on the next calculation (ECMA-376 Part 1,
 * §18.6: the chain is optional).
 */
function dropCalcChain(pkg: Package, wbPart: string): void {
  const rel = pkg.rels(wbPart).find((r) => r.type.endsWith("/calcChain"));
  if (!rel?.part) return;
  pkg.remove(rel.part);
  pkg.removeRel(wbPart, rel.id);
  pkg.removeOverride(rel.part);
}

export async function writeConsolidation(pkg: Package, c: Consolidation, date1904: boolean, fileName: string): Promise<WriteOutcome> {
  const notes: string[] = [];
  const wbPart = pkg.workbookPart();
  const styles = new PackageStyles(pkg);
  const sheets = pkg.sheets();
  try {
    for (const plan of c.plans) {
      if (plan.writes.length === 0 && plan.clear.length === 0 && plan.addHeaders.length === 0) continue;
      const entry = sheets.find((s) => s.name === plan.sheet);
      if (!entry?.part) throw new UnsafeEditError(`лист «${plan.sheet}» не найден в книге`);
      const applied = applyPlan(pkg.text(entry.part), plan, date1904, styles);
      pkg.set(entry.part, applied.xml);
      if (applied.removedFormulas) dropCalcChain(pkg, wbPart);
      const note = extendTable(pkg, entry.part, plan.headerRow, applied.lastRow, plan.addHeaders, 1);
      if (note) notes.push(note);
      for (const k of plan.keptInCleared) {
        notes.push(`Лист «${plan.sheet}», строка ${k.row}: строка заменена новым файлом, но в ней остались ваши значения (${k.columns.join(", ")}) — проверьте их`);
      }
    }
  } catch (e) {
    if (e instanceof UnsafeEditError) {
      throw new WorkbookFileError(`Импорт остановлен, книга района «${fileName}» не изменена: запись затронула бы ваши данные (${e.message})`);
    }
    throw e;
  }
  if (c.newRoadmapSheet.length > 0) {
    // The district has no roadmap sheet: the template's, with the schools' rows, as a new sheet.
    const scratch = new ExcelJS.Workbook();
    const ws = scratch.addWorksheet(ROADMAP.sheetName);
    const template = templateModel(new Date().getFullYear()).dataSheets.find((s) => s.name === ROADMAP.sheetName)!;
    ws.columns = [...template.columns.map((col) => ({ width: col.width })), { width: 34 }];
    const texts = new Map<string, string>();
    const rows = [[...ROADMAP.columns.map((col) => col.header), SOURCE_HEADER], ...c.newRoadmapSheet.map((r) => [...r.cells, r.source ?? ""])];
    rows.forEach((cells, i) => {
      const row = ws.addRow(cells.map((v) => (v !== null && typeof v === "object" && !(v instanceof Date) ? v.error : v)));
      if (i === 0) row.font = { bold: true };
      cells.forEach((v, j) => typeof v === "string" && texts.set(cellAddress(i + 1, j + 1), v));
    });
    const bytes = new Uint8Array((await scratch.xlsx.writeBuffer()) as ArrayBuffer);
    putSheet(pkg, scratchSheet(bytes, texts), ROADMAP.sheetName, null);
  }
  return { notes };
}
