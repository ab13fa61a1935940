import ExcelJS from "exceljs";
import { templateModel } from "../../core/template";
import { writeTemplate } from "../../xlsx/template";
import type { CommandResult } from "../types";

export async function templateCommand(out: string, year: number): Promise<CommandResult> {
  const wb = new ExcelJS.Workbook();
  writeTemplate(wb, templateModel(year));
  await wb.xlsx.writeFile(out);
  return { stdout: `Шаблон мониторинга на ${year} год записан в «${out}».`, exitCode: 0 };
}
