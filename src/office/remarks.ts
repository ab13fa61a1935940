// «Замечания для школ»: the roster issues of a check as one sheet to send back to the schools — school,
// cell, column, problem, what to do, sorted by school — as an Excel table, so a filter on «Код ОО» gives
// one school's rows. Built only from the check's issues (no roster cell is copied but what an issue's
// own message quotes). The sheet is marked as ours with a defined name: making it again replaces our
// sheet only; a user's sheet of that name is left alone and ours gets «(2)». Two syncs up to
// REMARK_ROWS_PER_SYNC rows, one more per further block (Excel on the web's 5 MB per request).
import { ISSUE_NAMES, SEVERITY_NAMES, adviceFor, plainMessage } from "../core/model/issue-names";
import type { CheckResult, PaneIssue } from "../engine/tasks";

export const REMARKS_SHEET = "Замечания для школ";
export const REMARKS_MARKER = "MentorshipMonitor_Замечания";
const TABLE_NAME = "ЗамечанияДляШкол";

export const REMARK_HEADERS = ["Код ОО", "Организация", "Лист", "Ячейка", "Столбец", "Замечание", "Подробно", "Что сделать", "Вид"] as const;
const WIDTHS = [12, 28, 12, 8, 22, 24, 48, 44, 14];
/** About 450 bytes of request per row of nine texts with their formats: 4 000 rows stay under 2 MB. */
export const REMARK_ROWS_PER_SYNC = 4_000;

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

function unique(wanted: string, taken: (n: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken(`${wanted}_${n}`)) return `${wanted}_${n}`;
}

export interface RemarksOutcome {
  readonly sheet: string;
  readonly rows: number;
  readonly schools: number;
}

/** Writes the rows as the remarks sheet (replacing our earlier one) and activates it. */
export async function writeRemarks(ctx: Excel.RequestContext, rows: readonly RemarkRow[], subtitle: string): Promise<RemarksOutcome> {
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  const names = ctx.workbook.names;
  names.load("items/name,items/formula");
  const tables = ctx.workbook.tables;
  tables.load("items/name");
  await ctx.sync();

  const lower = (s: string) => s.toLowerCase();
  const marker = names.items.find((n) => lower(n.name) === lower(REMARKS_MARKER));
  // The mark refers to A1 of our sheet: ='Замечания для школ'!$A$1 (=#REF!$A$1 once the sheet is gone).
  const target = typeof marker?.formula === "string" ? /^=?'?(.*?)'?!\$?A\$?1$/.exec(marker.formula)?.[1]?.replace(/''/g, "'") : undefined;
  const oursName = target === undefined ? undefined : sheets.items.find((s) => s.name === target)?.name;
  const taken = new Set(sheets.items.map((s) => lower(s.name)).filter((n) => n !== lower(oursName ?? "")));
  let name = REMARKS_SHEET;
  for (let n = 2; taken.has(lower(name)); n++) name = `${REMARKS_SHEET} (${n})`;

  // Our earlier sheet goes with its table and its mark; a mark whose sheet is gone (=#REF!) goes too.
  let oldTable: string | null = null;
  if (oursName) {
    const ws = sheets.getItem(oursName);
    const t = ws.tables;
    t.load("items/name");
    await ctx.sync();
    oldTable = t.items.map((x) => x.name).find((x) => x.startsWith(TABLE_NAME)) ?? null;
    ws.delete();
  }
  if (marker) names.getItem(marker.name).delete();
  const tableNames = new Set(tables.items.map((t) => lower(t.name)).filter((n) => n !== lower(oldTable ?? "")));
  // Table names share one namespace with defined names (office-js issue #551).
  const tableName = unique(TABLE_NAME, (n) => tableNames.has(lower(n)) || names.items.some((x) => lower(x.name) === lower(n)));

  const ws = sheets.add(name);
  const cols = REMARK_HEADERS.length;
  const head = ws.getRangeByIndexes(0, 0, 3, cols);
  head.numberFormat = Array.from({ length: 3 }, () => Array(cols).fill("@"));
  head.values = [
    [REMARKS_SHEET, ...Array(cols - 1).fill("")],
    [subtitle, ...Array(cols - 1).fill("")],
    [...REMARK_HEADERS],
  ];
  ws.getRange("A1").format.font.bold = true;
  ws.getRange("A1").format.font.size = 13;
  WIDTHS.forEach((w, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = w * 7));
  for (let top = 0; top < rows.length; top += REMARK_ROWS_PER_SYNC) {
    if (top > 0) await ctx.sync(); // each block in a request of its own: under 5 MB on the web
    const part = rows.slice(top, top + REMARK_ROWS_PER_SYNC);
    const range = ws.getRangeByIndexes(3 + top, 0, part.length, cols);
    // Texts stay texts: a code «=1» or a cell «2021-09-01» quoted in a message must not become a formula or a date.
    range.numberFormat = part.map(() => Array(cols).fill("@"));
    range.values = part.map((r) => [...r]);
  }
  const table = ws.tables.add(`A3:${String.fromCharCode(64 + cols)}${3 + Math.max(1, rows.length)}`, true);
  table.name = tableName;
  table.style = "TableStyleLight9";
  ws.freezePanes.freezeRows(3);
  names.add(REMARKS_MARKER, ws.getRange("A1"), "Лист сформирован надстройкой «Мониторинг наставничества»");
  ws.activate();
  await ctx.sync();
  return { sheet: name, rows: rows.length, schools: new Set(rows.map((r) => r[0])).size };
}
