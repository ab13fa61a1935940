// Opening a workbook file for the command line: bytes → ExcelJS → core input → analysis.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type ExcelJS from "exceljs";
import { type WorkbookAnalysis, analyzeWorkbook, rosterProblem } from "../core/analyze";
import { WorkbookFileError, loadWorkbook, workbookInputOf } from "./read";

export interface OpenedWorkbook {
  readonly workbook: ExcelJS.Workbook;
  readonly analysis: WorkbookAnalysis;
}

export async function openWorkbookFile(path: string): Promise<OpenedWorkbook> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WorkbookFileError(code === "ENOENT" ? `Файл «${path}» не найден` : `Не удалось прочитать файл «${path}»`);
  }
  const workbook = await loadWorkbook(bytes, basename(path));
  return { workbook, analysis: analyzeWorkbook(workbookInputOf(workbook)) };
}

/** The roster commands stop with exit code 2 when the workbook lacks its roster sheets. */
export function requireRoster(a: WorkbookAnalysis, fileName: string): void {
  const problem = rosterProblem(a, fileName);
  if (problem !== null) throw new WorkbookFileError(problem);
}
