// «Замечания для школ» in Excel: one sheet for the district (not one per school: 30 schools would add 30
// sheets), an Excel table under a title and a line saying when the check was made. The sheet is marked as
// ours with a defined name: making it again replaces our sheet only; a user's sheet of that name is left
// alone and ours gets «(2)». Two syncs up to REMARK_ROWS_PER_SYNC rows, one more per further block (Excel
// on the web's 5 MB per request). The rows themselves: src/pane/remarks.ts.
import { REMARKS_SHEET, REMARK_HEADERS, REMARK_WIDTHS, type RemarkRow } from "../pane/remarks";
import type { RemarksOutcome } from "../pane/port";

export const REMARKS_MARKER = "MentorshipMonitor_Замечания";
const TABLE_NAME = "ЗамечанияДляШкол";

/** About 450 bytes of request per row of nine texts with their formats: 4 000 rows stay under 2 MB. */
export const REMARK_ROWS_PER_SYNC = 4_000;

function unique(wanted: string, taken: (n: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken(`${wanted}_${n}`)) return `${wanted}_${n}`;
}

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
  REMARK_WIDTHS.forEach((w, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = w * 7));
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
