// Opening a workbook file for the command line: bytes → the reader (read.ts) → analysis. The bytes are
// kept: a command that adds a sheet edits them surgically (package/), never re-serializes the workbook.
import { basename } from "node:path";
import { readInputFile } from "../cli/io";
import { type WorkbookAnalysis, analyzeWorkbook, rosterProblem } from "../core/analyze";
import type { FileFormat } from "./formats";
import { FORMAT_NAMES, WorkbookFileError, readWorkbook } from "./read";
import type { ReadWarning } from "./reader/workbook";

export interface OpenedWorkbook {
  readonly bytes: Uint8Array;
  readonly analysis: WorkbookAnalysis;
  readonly date1904: boolean;
  readonly format: FileFormat;
  readonly warnings: readonly ReadWarning[];
}

export async function openWorkbookFile(path: string): Promise<OpenedWorkbook> {
  const bytes = await readInputFile(path);
  const read = readWorkbook(bytes, basename(path));
  return { bytes, analysis: analyzeWorkbook(read.input), date1904: read.date1904, format: read.format, warnings: read.warnings };
}

/** The roster commands stop with exit code 2 when the workbook lacks its roster sheets. */
export function requireRoster(a: WorkbookAnalysis, fileName: string): void {
  const problem = rosterProblem(a, fileName);
  if (problem !== null) throw new WorkbookFileError(problem);
}

/** A sheet can be added surgically to an .xlsx package only: other formats are read, not written. */
export function requireXlsx(opened: OpenedWorkbook, fileName: string, what: string): void {
  if (opened.format === "xlsx") return;
  throw new WorkbookFileError(
    `${what} можно записать только в книгу Excel (.xlsx), а «${fileName}» — ${FORMAT_NAMES[opened.format]}. ` +
      "Сохраните её как .xlsx (в LibreOffice или Р7-Офис: Файл → Сохранить как → Книга Excel 2007–365) и повторите",
  );
}
