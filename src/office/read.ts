// Reads every sheet's used range into the core's WorkbookInput: (1) sheet names, visibility and
// tables; (2) used-range bounds; (3) values and value types in blocks of rows. On desktop Excel that is
// three syncs whatever the size. Excel on the web answers at most 5 MB per sync, so there
// (`cellsPerSync` set) each BLOCK_CELLS cells beyond the first cost one more sync.
import type { CellValue, SheetInput, WorkbookInput } from "../core/cells";
import { BLOCK_CELLS, BLOCK_ROWS } from "./run";

type Cell = string | number | boolean;

/** Office delivers errors as their text with value type Error; empty cells as "" with type Empty. */
export function cellOf(value: Cell, type: Excel.RangeValueType | string): CellValue {
  switch (type) {
    case "Empty":
      return null;
    case "Error":
      return { error: String(value) };
    default:
      return value === "" ? null : value;
  }
}

export async function readWorkbook(ctx: Excel.RequestContext, cellsPerSync: number | null = BLOCK_CELLS): Promise<WorkbookInput> {
  const perSync = cellsPerSync ?? Infinity;
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  const tables = ctx.workbook.tables;
  tables.load("items/name,items/worksheet/name");
  await ctx.sync();

  const used = sheets.items.map((ws) => {
    const r = ws.getUsedRangeOrNullObject(true);
    r.load("rowIndex,columnIndex,rowCount,columnCount");
    return r;
  });
  await ctx.sync();

  const blocks: Excel.Range[][] = sheets.items.map(() => []);
  let queued = 0; // cells loaded since the last sync
  for (const [i, ws] of sheets.items.entries()) {
    const u = used[i];
    if (u.isNullObject) continue;
    const step = Math.max(1, Math.min(BLOCK_ROWS, Math.floor(BLOCK_CELLS / u.columnCount)));
    for (let top = 0; top < u.rowCount; top += step) {
      const rows = Math.min(step, u.rowCount - top);
      if (queued > 0 && queued + rows * u.columnCount > perSync) {
        await ctx.sync(); // a sync per full block, or the response exceeds 5 MB on the web
        queued = 0;
      }
      const block = ws.getRangeByIndexes(u.rowIndex + top, u.columnIndex, rows, u.columnCount);
      block.load("values,valueTypes");
      blocks[i].push(block);
      queued += rows * u.columnCount;
    }
  }
  await ctx.sync();

  const tableNames = new Map<string, string[]>();
  for (const t of tables.items) tableNames.set(t.worksheet.name, [...(tableNames.get(t.worksheet.name) ?? []), t.name]);

  const result: SheetInput[] = sheets.items.map((ws, i) => {
    const rows: CellValue[][] = [];
    for (const b of blocks[i]) {
      const { values, valueTypes } = b;
      for (let r = 0; r < values.length; r++) rows.push(values[r].map((v, c) => cellOf(v as Cell, valueTypes[r][c])));
    }
    const u = used[i];
    return {
      name: ws.name,
      rows,
      firstRow: u.isNullObject ? 1 : u.rowIndex + 1,
      firstColumn: u.isNullObject ? 1 : u.columnIndex + 1,
      tables: tableNames.get(ws.name) ?? [],
      hidden: ws.visibility !== "Visible",
    };
  });
  // Office.js reports the 1904 date system only from ExcelApi 1.16; serials are read as 1900-based.
  return { sheets: result, date1904: false };
}
