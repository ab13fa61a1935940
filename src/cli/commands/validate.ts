import { basename } from "node:path";
import type { Issue } from "../../core/issues";
import { openWorkbookFile, requireRoster } from "../../xlsx/open";
import { table } from "../format";
import type { CommandResult } from "../types";

const SEVERITY_RU = { error: "ошибка", warning: "предупреждение" } as const;

export function validateJson(issues: readonly Issue[]) {
  return {
    errors: issues.filter((i) => i.severity === "error").length,
    warnings: issues.filter((i) => i.severity === "warning").length,
    issues: issues.map(({ sheet, cell, row, column, severity, code, message, suggestion }) =>
      suggestion === undefined
        ? { sheet, cell, row, column, severity, code, message }
        : { sheet, cell, row, column, severity, code, message, suggestion },
    ),
  };
}

export function validateText(issues: readonly Issue[]): string {
  const j = validateJson(issues);
  const head = `Проверка: ошибок — ${j.errors}, предупреждений — ${j.warnings}.`;
  if (issues.length === 0) return `${head}\nЗамечаний нет.`;
  const rows = issues.map((i) => [i.sheet, i.cell, SEVERITY_RU[i.severity], i.code, i.message + (i.suggestion ? ` → ${i.suggestion}` : "")]);
  return `${head}\n\n${table(["Лист", "Ячейка", "Важность", "Код", "Сообщение"], rows, { max: [20, 8, 14, 22, 110] })}`;
}

export async function validateCommand(file: string, json: boolean): Promise<CommandResult> {
  const { analysis } = await openWorkbookFile(file);
  requireRoster(analysis, basename(file));
  const out = json ? JSON.stringify(validateJson(analysis.issues), null, 2) : validateText(analysis.issues);
  return { stdout: out, exitCode: analysis.issues.some((i) => i.severity === "error") ? 1 : 0 };
}
