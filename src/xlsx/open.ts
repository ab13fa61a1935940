// Opening a workbook file for the command line: bytes → ExcelJS → core input → analysis.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type ExcelJS from "exceljs";
import { type WorkbookAnalysis, analyzeWorkbook } from "../core/analyze";
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

/** What the roster commands need: the participants and organizations sheets, each with a header row. */
export function requireRoster(a: WorkbookAnalysis, fileName: string): void {
  if (a.problems.length > 0) throw new WorkbookFileError(a.problems.map((p) => p.message).join("\n"));
  const missing: string[] = [];
  if (!a.organizations) missing.push("«Организации»");
  if (a.participants.length === 0) missing.push("«Участники»");
  if (missing.length > 0) {
    throw new WorkbookFileError(
      `В книге «${fileName}» нет ${missing.length > 1 ? "листов" : "листа"} ${missing.join(" и ")} (ни по имени таблицы, ни по имени листа, ни по заголовкам). Вставьте шаблон: mentor-monitor template -o шаблон.xlsx`,
    );
  }
}
