import { basename } from "node:path";
import type { Issue } from "../../core/model/issues";
import { openWorkbookFile, requireRoster } from "../../xlsx/open";
import { fmtNumber, table } from "../format";
import { columnsText, notesText, sections } from "../layouts";
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

/** How many issues the text output lists one by one; the rest are summed up by kind. */
export const TEXT_ISSUE_LIMIT = 300;

export function validateText(issues: readonly Issue[], file = "ФАЙЛ", limit = TEXT_ISSUE_LIMIT): string {
  let errors = 0;
  for (const i of issues) if (i.severity === "error") errors++;
  const head = `Проверка: ошибок — ${fmtNumber(errors)}, предупреждений — ${fmtNumber(issues.length - errors)}.`;
  if (issues.length === 0) return `${head}\nЗамечаний нет.`;
  const shown = issues.slice(0, limit);
  const rows = shown.map((i) => [i.sheet, i.cell, SEVERITY_RU[i.severity], i.code, i.message + (i.suggestion ? ` → ${i.suggestion}` : "")]);
  const parts = [head, "", table(["Лист", "Ячейка", "Важность", "Код", "Сообщение"], rows, { max: [20, 8, 14, 22, 110] })];
  if (issues.length > limit) {
    // The rest by kind: a terminal of 100 000 lines helps nobody; --json has every issue.
    const byCode = new Map<string, { severity: Issue["severity"]; count: number }>();
    for (const i of issues.slice(limit)) {
      const k = byCode.get(i.code) ?? { severity: i.severity, count: 0 };
      k.count++;
      byCode.set(i.code, k);
    }
    const kinds = [...byCode].sort((a, b) => b[1].count - a[1].count).map(([code, k]) => [code, SEVERITY_RU[k.severity], fmtNumber(k.count)]);
    parts.push(
      "",
      `Показаны первые ${fmtNumber(limit)} замечаний из ${fmtNumber(issues.length)}. Остальные ${fmtNumber(issues.length - limit)} по видам:`,
      table(["Код", "Важность", "Замечаний"], kinds, { align: ["l", "l", "r"] }),
      "",
      `Полный список с адресами ячеек: mentor-monitor validate «${file}» --json`,
    );
  }
  return parts.join("\n");
}

export async function validateCommand(file: string, json: boolean): Promise<CommandResult> {
  const { analysis } = await openWorkbookFile(file);
  requireRoster(analysis, basename(file));
  const out = json ? JSON.stringify(validateJson(analysis.issues), null, 2) : sections(validateText(analysis.issues, file), columnsText(analysis), notesText(analysis));
  return { stdout: out, exitCode: analysis.issues.some((i) => i.severity === "error") ? 1 : 0 };
}
