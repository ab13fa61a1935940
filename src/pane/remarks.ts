// «Замечания для школ»: the roster issues of a check as rows to send back to the schools — school, cell,
// column, problem, what to do — sorted by school, so a filter on «Код ОО» gives one school's rows. Built
// only from the check's issues (no roster cell is copied but what an issue's own message quotes). Each
// host writes them its own way (src/office/remarks.ts: a sheet; src/web/port.ts: a workbook to download).
import { ISSUE_NAMES, SEVERITY_NAMES, adviceFor, plainMessage } from "../core/model/issue-names";
import type { CheckResult, PaneIssue } from "../engine/tasks";

export const REMARKS_SHEET = "Замечания для школ";

export const REMARK_HEADERS = ["Код ОО", "Организация", "Лист", "Ячейка", "Столбец", "Замечание", "Подробно", "Что сделать", "Вид"] as const;
/** Column widths in characters, for both hosts. */
export const REMARK_WIDTHS = [12, 28, 12, 8, 22, 24, 48, 44, 14];

export type RemarkRow = readonly [string, string, string, string, string, string, string, string, string];

/** The roster issues (those with an organization), school by school, in sheet order within each. */
export function remarkRows(check: Pick<CheckResult, "issues" | "orgNames">, org?: string): RemarkRow[] {
  const names = check.orgNames ?? {};
  const roster = check.issues.filter((i): i is PaneIssue & { org: string } => i.org !== undefined && (org === undefined || i.org === org));
  const sorted = [...roster].sort((a, b) => {
    if (a.org !== b.org) return a.org === "" ? 1 : b.org === "" ? -1 : a.org < b.org ? -1 : 1;
    if (a.sheet !== b.sheet) return a.sheet < b.sheet ? -1 : 1;
    return a.row - b.row || a.cell.length - b.cell.length || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0);
  });
  return sorted.map((i) => [
    i.org === "" ? "(без кода)" : i.org,
    names[i.org] ?? "",
    i.sheet,
    i.cell,
    i.column,
    ISSUE_NAMES[i.code],
    plainMessage(i),
    adviceFor(i),
    SEVERITY_NAMES[i.severity],
  ]);
}
