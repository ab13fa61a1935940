// Opening a workbook file for the command line: bytes → ExcelJS → core input → analysis. The bytes are
// kept: a command that adds a sheet edits them surgically (package/), never ExcelJS's re-serialization.
import { basename } from "node:path";
import type ExcelJS from "exceljs";
import { readInputFile } from "../cli/io";
import { type WorkbookAnalysis, analyzeWorkbook, rosterProblem } from "../core/analyze";
import { WorkbookFileError, loadWorkbook, workbookInputOf } from "./read";

export interface OpenedWorkbook {
  readonly bytes: Uint8Array;
  readonly workbook: ExcelJS.Workbook;
  readonly analysis: WorkbookAnalysis;
}

export async function openWorkbookFile(path: string): Promise<OpenedWorkbook> {
  const bytes = await readInputFile(path);
  const workbook = await loadWorkbook(bytes, basename(path));
  return { bytes, workbook, analysis: analyzeWorkbook(workbookInputOf(workbook)) };
}

/** The roster commands stop with exit code 2 when the workbook lacks its roster sheets. */
export function requireRoster(a: WorkbookAnalysis, fileName: string): void {
  const problem = rosterProblem(a, fileName);
  if (problem !== null) throw new WorkbookFileError(problem);
}
