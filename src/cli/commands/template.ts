import ExcelJS from "exceljs";
import { templateModel } from "../../core/template/template";
import { workbookBytes, writeTemplate } from "../../xlsx/template";
import { writeOutputFile } from "../io";
import type { CommandResult } from "../types";

export async function templateCommand(out: string, year: number): Promise<CommandResult> {
  const wb = new ExcelJS.Workbook();
  writeTemplate(wb, templateModel(year));
  await writeOutputFile(out, await workbookBytes(wb));
  return { stdout: `Шаблон мониторинга на ${year} год записан в «${out}».`, exitCode: 0 };
}
