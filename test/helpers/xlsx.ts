// Test helpers: every workbook goes through a real .xlsx round trip (ExcelJS write → bytes → read).
import ExcelJS from "exceljs";
import { type WorkbookAnalysis, analyzeWorkbook } from "../../src/core/analyze";
import type { Issue, IssueCode } from "../../src/core/model/issues";
import { loadWorkbook, workbookInputOf } from "../../src/xlsx/read";
import { buildExample } from "../../scripts/example/workbook";

export async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const buf = await wb.xlsx.writeBuffer();
  return loadWorkbook(new Uint8Array(buf as ArrayBuffer), "test.xlsx");
}

export async function analyze(wb: ExcelJS.Workbook): Promise<WorkbookAnalysis> {
  return analyzeWorkbook(workbookInputOf(await roundTrip(wb)));
}

/** The bundled example, optionally changed before it is written. */
export async function exampleAnalysis(change?: (wb: ExcelJS.Workbook) => void) {
  const ex = buildExample();
  change?.(ex.workbook);
  return { ...ex, analysis: await analyze(ex.workbook) };
}

export function issuesOf(a: WorkbookAnalysis, code: IssueCode): Issue[] {
  return a.issues.filter((i) => i.code === code);
}
